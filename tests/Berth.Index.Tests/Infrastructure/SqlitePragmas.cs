using Berth.Index.Data;
using Microsoft.EntityFrameworkCore;

namespace Berth.Index.Tests.Infrastructure;

/// <summary>Reads SQLite settings as a connection of the index sees them.</summary>
internal static class SqlitePragmas
{
    /// <summary>PRAGMA synchronous of a connection the index opens: 1 NORMAL, 2 FULL.</summary>
    public static async Task<long> SynchronousAsync(IndexDbContextFactory factory)
    {
        await using var db = factory.Create();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA synchronous;";
        return (long)(await command.ExecuteScalarAsync() ?? -1L);
    }
}
