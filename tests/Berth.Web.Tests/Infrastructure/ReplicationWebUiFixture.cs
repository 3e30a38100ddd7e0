using Berth.Index.Data;

namespace Berth.Web.Tests.Infrastructure;

/// <summary>
/// The web UI fixture (SQLite, auth on) with a replication worker that looks often and gives up after one attempt,
/// so a run started in the browser finishes, or fails, within a test's patience.
/// </summary>
public sealed class ReplicationWebUiFixture : WebUiFixture
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Replication:PollInterval"] = "00:00:00.200",
        ["Replication:MaxAttempts"] = "1",
        ["Replication:RequestAttempts"] = "1",
    };
}
