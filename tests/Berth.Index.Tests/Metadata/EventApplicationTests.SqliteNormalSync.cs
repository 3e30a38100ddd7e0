using Berth.Index.Data;
using Berth.Index.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Index.Tests.Metadata;

/// <summary>The event application tests on SQLite with Index:SqliteSynchronous=Normal (no fsync per commit).</summary>
public sealed class EventApplicationSqliteNormalSyncTests : EventApplicationTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Index:SqliteSynchronous"] = "Normal" };

    [Fact]
    public async Task EveryConnection_IsSynchronousNormal()
    {
        Assert.Equal(1, await SqlitePragmas.SynchronousAsync(Server.Services.GetRequiredService<IndexDbContextFactory>()));
    }
}
