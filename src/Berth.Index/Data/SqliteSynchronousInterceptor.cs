using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Berth.Index.Data;

/// <summary>
/// Sets <c>PRAGMA synchronous</c> on every connection the index opens: SQLite keeps it per connection, not in the
/// database file as it keeps WAL mode.
/// </summary>
internal sealed class SqliteSynchronousInterceptor(SqliteSynchronous synchronous) : DbConnectionInterceptor
{
    private readonly string _pragma = $"PRAGMA synchronous={synchronous.ToString().ToUpperInvariant()};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        var command = connection.CreateCommand();
        await using (command)
        {
            command.CommandText = _pragma;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
