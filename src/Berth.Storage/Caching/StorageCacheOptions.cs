using System.ComponentModel.DataAnnotations;

namespace Berth.Storage.Caching;

/// <summary>Section "Storage:Cache": the in-process cache of small immutable objects (manifests, links by digest).</summary>
public sealed class StorageCacheOptions
{
    public const string SectionName = "Storage:Cache";

    /// <summary>Total bytes kept; 0 turns the cache off.</summary>
    [Range(0, long.MaxValue)]
    public long MaxBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Objects larger than this are never cached.</summary>
    [Range(1, int.MaxValue)]
    public int MaxEntryBytes { get; set; } = 256 * 1024;
}
