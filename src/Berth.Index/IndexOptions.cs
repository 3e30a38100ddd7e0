using System.ComponentModel.DataAnnotations;
using Berth.Index.Data;

namespace Berth.Index;

/// <summary>The index's settings (section "Index"): database, bootstrap admin, password hashing, login limits.</summary>
public sealed class IndexOptions
{
    public const string SectionName = "Index";

    public DatabaseProvider DatabaseProvider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Required for PostgreSQL; for SQLite defaults to index.db in the data directory.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// SQLite's durability of a commit (docs/configuration.md): Full (the default) fsyncs each commit; Normal leaves
    /// that to WAL checkpoints, so a power loss can lose the last commits, which a registry resync brings back.
    /// </summary>
    public SqliteSynchronous SqliteSynchronous { get; set; } = SqliteSynchronous.Full;

    /// <summary>Where the SQLite database and the signing keys live; the host sets it from Berth:DataDirectory.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>The administrator created on first start when there is no account yet.</summary>
    [Required]
    [RegularExpression("^[a-z0-9]+(?:[._-][a-z0-9]+)*$")]
    public string AdminUser { get; set; } = "admin";

    /// <summary>The first administrator's password; when unset, one is generated and printed once.</summary>
    public string? AdminPassword { get; set; }

    [Range(4, 16)]
    public int BcryptWorkFactor { get; set; } = 11;

    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Failed logins for one account from one client address within FailedLoginWindow before that address is refused for that account.</summary>
    [Range(1, 10000)]
    public int MaxFailedLoginsPerAccount { get; set; } = 5;

    /// <summary>Failed logins from one client address within FailedLoginWindow before further attempts are refused.</summary>
    [Range(1, 100000)]
    public int MaxFailedLoginsPerAddress { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan FailedLoginWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often every registered registry is resynchronised from its catalog; zero turns it off.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan RegistryResyncInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Repositories whose events are applied at once on PostgreSQL (SQLite has one writer: one at a time).</summary>
    [Range(1, 64)]
    public int EventApplyConcurrency { get; set; } = 4;

    /// <summary>Manifests and configs of an event batch read from the registry at once, ahead of applying the batch.</summary>
    [Range(1, 64)]
    public int EventReadConcurrency { get; set; } = 8;

    /// <summary>How often every repository's size is counted again from its manifests (also once at start); zero: only at start.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan SizeReconcileInterval { get; set; } = TimeSpan.FromDays(1);
}
