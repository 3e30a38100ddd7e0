using System.ComponentModel.DataAnnotations;

namespace Berth.Registry.Blobs;

/// <summary>Section "Registry:BlobLinkCache": which repositories' layer links this node has seen, so a pull reads storage once per blob.</summary>
public sealed class BlobLinkCacheOptions
{
    public const string SectionName = "Registry:BlobLinkCache";

    /// <summary>
    /// How long a seen layer link is trusted before storage is read again: the longest time a blob unlinked by another
    /// node (DELETE of the blob, deletion of the repository) can still be served here. This node's own unlinks evict at
    /// once; 0 turns the cache off.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan Revalidation { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Links kept before the whole map is dropped (a crude bound, refilled by one read each).</summary>
    [Range(1, int.MaxValue)]
    public int MaxEntries { get; set; } = 100_000;
}
