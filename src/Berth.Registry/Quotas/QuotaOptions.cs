using System.ComponentModel.DataAnnotations;

namespace Berth.Registry.Quotas;

/// <summary>Section "Quotas": the default limit and how long a node trusts what it computed (docs/gc.md).</summary>
public sealed class QuotaOptions
{
    public const string SectionName = "Quotas";

    /// <summary>The limit, in bytes, of a namespace without a quota document; 0 means unlimited.</summary>
    [Range(0, long.MaxValue)]
    public long DefaultBytes { get; set; }

    /// <summary>
    /// How long a node admits pushes against the usage it computed (plus what it admitted since) before it walks the
    /// namespace again. Bounds how long the pushes of other nodes, deletions and collections elsewhere go unseen.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan UsageMaxAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a node keeps a namespace's quota document before reading it again (a change made on another node).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan LimitMaxAge { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Storage requests a usage computation keeps in flight.</summary>
    [Range(1, 256)]
    public int Concurrency { get; set; } = 16;
}
