using Berth.Index.Data;
using Berth.Index.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Index.Tests.Metadata;

public sealed class EventApplicationSqliteTests : EventApplicationTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    [Fact]
    public async Task ByDefault_EveryCommitIsSynchronousFull()
    {
        Assert.Equal(2, await SqlitePragmas.SynchronousAsync(Server.Services.GetRequiredService<IndexDbContextFactory>()));
    }
}
