using Berth.Index.Data;
using Npgsql;

namespace Berth.Web.Tests.Infrastructure;

/// <summary>The index database of a fixture's server: SQLite in its data directory, or a new PostgreSQL database.</summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _postgresServer;
    private readonly string? _databaseName;

    private TestDatabase(Dictionary<string, string?> settings, string? postgresServer, string? databaseName)
    {
        Settings = settings;
        _postgresServer = postgresServer;
        _databaseName = databaseName;
    }

    public Dictionary<string, string?> Settings { get; }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            return new TestDatabase(new Dictionary<string, string?> { ["Index:DatabaseProvider"] = "Sqlite" }, null, null);
        }

        var server = Environment.GetEnvironmentVariable("BERTH_TEST_POSTGRES");
        if (string.IsNullOrEmpty(server))
        {
            throw new InvalidOperationException(
                "BERTH_TEST_POSTGRES is not set. Run scripts/test.sh, or start the test server yourself: "
                + "apt-get install -y postgresql; cleanups=(); source scripts/test-services/postgresql.sh");
        }

        var name = "berth_web_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        return new TestDatabase(
            new Dictionary<string, string?> { ["Index:DatabaseProvider"] = "PostgreSql", ["Index:ConnectionString"] = builder.ConnectionString },
            server,
            name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgresServer is null)
        {
            return;
        }

        await using var connection = new NpgsqlConnection(_postgresServer);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
