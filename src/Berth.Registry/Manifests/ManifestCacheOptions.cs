using System.ComponentModel.DataAnnotations;

namespace Berth.Registry.Manifests;

/// <summary>Section "Registry:ManifestCache": the in-process memory of the manifest read path.</summary>
public sealed class ManifestCacheOptions
{
    public const string SectionName = "Registry:ManifestCache";

    /// <summary>Bytes of manifest content kept (immutable by digest); 0 turns all caching of manifests off.</summary>
    [Range(0, long.MaxValue)]
    public long MaxBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>
    /// How long a resolved tag (or a digest's presence in a repository) is trusted before storage is read again:
    /// the longest time a tag moved or deleted by another node can still be served here. Local writes evict at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan Revalidation { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Resolutions kept before the whole map is dropped (a crude bound, refilled by one read each).</summary>
    [Range(1, int.MaxValue)]
    public int MaxResolutions { get; set; } = 100_000;
}
