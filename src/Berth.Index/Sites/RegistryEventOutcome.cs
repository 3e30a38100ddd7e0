namespace Berth.Index.Sites;

/// <summary>What became of an event batch a registry delivered.</summary>
internal enum RegistryEventOutcome
{
    Applied,
    UnknownRegistry,
    BadSignature,
}
