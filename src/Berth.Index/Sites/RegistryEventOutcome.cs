namespace Berth.Index.Sites;

/// <summary>What became of an event batch a registry delivered.</summary>
public enum RegistryEventOutcome
{
    Applied,
    UnknownRegistry,
    BadSignature,
}
