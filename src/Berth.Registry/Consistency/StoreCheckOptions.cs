using System.ComponentModel.DataAnnotations;

namespace Berth.Registry.Consistency;

/// <summary>What one consistency check of the store does (berth fsck).</summary>
public sealed record StoreCheckOptions
{
    /// <summary>Read every blob and compare its content's hash with its digest; off for a quick pass over links only.</summary>
    public bool VerifyContent { get; init; } = true;

    /// <summary>Storage calls and blob reads in flight at once.</summary>
    [Range(1, 256)]
    public int Concurrency { get; init; } = 8;

    /// <summary>Uploads started longer ago than this are listed as stale (garbage collection purges them).</summary>
    public TimeSpan StaleUploadAge { get; init; } = TimeSpan.FromDays(1);
}
