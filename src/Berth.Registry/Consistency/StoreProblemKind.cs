namespace Berth.Registry.Consistency;

public enum StoreProblemKind
{
    /// <summary>A tag's current link names a manifest whose content or revision link is missing.</summary>
    DanglingTag,

    /// <summary>A manifest revision link names content that is not stored.</summary>
    DanglingRevision,

    /// <summary>A layer link (a blob given to a repository) names content that is not stored.</summary>
    DanglingLayer,

    /// <summary>A referrer link names a manifest that is not stored.</summary>
    DanglingReferrer,

    /// <summary>A stored manifest references a config, layer or child manifest that is not stored.</summary>
    MissingReference,

    /// <summary>A link file whose content is not a digest.</summary>
    UnreadableLink,

    /// <summary>A blob whose content does not hash to its digest.</summary>
    DigestMismatch,
}
