using System.ComponentModel.DataAnnotations;

namespace Berth.Registry.GarbageCollection;

/// <summary>Section "GarbageCollection": when the server collects, and what a collection may remove (docs/gc.md).</summary>
public sealed class GarbageCollectionOptions
{
    public const string SectionName = "GarbageCollection";

    /// <summary>Whether <c>berth serve</c> collects on a schedule; <c>berth gc</c> runs regardless.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Time between the end of one scheduled run and the start of the next.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Wait after start-up before the first scheduled run, so a restart loop cannot turn into a collection loop.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Blobs and revision links modified less than this long before a run starts are never removed by it: a push
    /// uploads layers before it puts the manifest that references them. It must exceed the clock skew between nodes
    /// and the storage backend; the protocol stays safe beyond it, a push then fails instead of losing data.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Whether manifests no tag, index or referred-to manifest reaches are removed once older than <see cref="UntaggedManifestAge"/>.</summary>
    public bool DeleteUntaggedManifests { get; set; } = true;

    /// <summary>How long an unreachable, untagged manifest is kept after its last push.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan UntaggedManifestAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Uploads started longer ago than this are purged with their data.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan UploadMaxAge { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Storage requests a run keeps in flight at once (object stores answer each slowly but many in parallel).</summary>
    [Range(1, 256)]
    public int Concurrency { get; set; } = 16;

    /// <summary>How long the store stays claimed by a run that stops renewing its lease (a crashed node).</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Wait between writing the lease and reading it back, so two runs that claimed at once see who won.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan LeaseSettleTime { get; set; } = TimeSpan.FromSeconds(2);
}
