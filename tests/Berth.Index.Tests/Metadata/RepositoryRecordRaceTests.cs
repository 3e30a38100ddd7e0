using Berth.Index.Data;
using Berth.Index.Metadata;
using Berth.Index.Tests.Infrastructure;
using Berth.Registry.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Index.Tests.Metadata;

/// <summary>
/// The first writers of a repository's record racing: an administrator makes a repository public while the registry's
/// first events for it arrive (CI saw 'UNIQUE constraint failed: Repositories.Name' from a visibility change right
/// after a skopeo push). The race is made certain on PostgreSQL: a lock on the table lets every writer find no record
/// and then holds all their inserts until they wait together; released, one insert wins and the others must find its
/// row and apply their change there. SQLite takes the same code path.
/// </summary>
public sealed class RepositoryRecordRaceTests : IndexTestBase
{
    private const string Name = "race/app";

    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    [Fact]
    public async Task VisibilityChangesAndPulls_RacingToCreateTheRecord_AllLandOnTheOneRecord()
    {
        var factory = Server.Services.GetRequiredService<IndexDbContextFactory>();
        var applier = Server.Services.GetRequiredService<MetadataApplier>();
        List<Task> writers;
        await using (var locker = factory.Create())
        {
            await using var transaction = await locker.Database.BeginTransactionAsync();
            await locker.Database.ExecuteSqlRawAsync("LOCK TABLE \"Repositories\" IN SHARE ROW EXCLUSIVE MODE");
            writers =
            [
                Task.Run(() => Organizations.SetVisibilityAsync(Name, RepositoryVisibility.Public, "admin", default)),
                Task.Run(() => Organizations.SetVisibilityAsync(Name, RepositoryVisibility.Public, "admin", default)),
                Task.Run(() => applier.ApplyAsync([Pulled(Name)], default)),
            ];
            await WaitForBlockedWritersAsync(factory, writers.Count);
            await transaction.CommitAsync();
        }

        await Task.WhenAll(writers);
        await using var db = factory.Create();
        var row = await db.Repositories.SingleAsync(r => r.Namespace == "race");
        Assert.Equal((Name, RepositoryVisibility.Public, 1L), (row.Name, row.Visibility, row.PullCount));
    }

    private static async Task WaitForBlockedWritersAsync(IndexDbContextFactory factory, int count)
    {
        await using var db = factory.Create();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var waiting = await db.Database.SqlQueryRaw<int>(
                "SELECT count(*)::int AS \"Value\" FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'Repositories' AND NOT l.granted").SingleAsync();
            if (waiting >= count)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{waiting} of {count} writers waited on the table's lock within 30 s.");
            await Task.Delay(20);
        }
    }

    private static RegistryEvent Pulled(string repository) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        Timestamp = DateTimeOffset.UnixEpoch,
        Action = RegistryEventAction.Pull,
        Repository = repository,
        IsManifest = true,
        Tag = "v1",
    };
}
