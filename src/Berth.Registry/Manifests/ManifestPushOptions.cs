namespace Berth.Registry.Manifests;

/// <summary>Section "Registry:Manifests": what a manifest push must bring with it.</summary>
public sealed class ManifestPushOptions
{
    public const string SectionName = "Registry:Manifests";

    /// <summary>
    /// Accept an image index whose child manifests were not pushed to the repository (a sparse index, which the spec
    /// allows: a mirror of one platform of a multi-platform image pushes the index and that platform only). Blobs a
    /// manifest references must still be present; only an index's children may be missing.
    /// </summary>
    public bool AllowSparseIndexes { get; set; }
}
