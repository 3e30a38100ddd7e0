using System.Runtime.Versioning;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Microsoft.Extensions.Options;

namespace Berth.Index.Data;

/// <summary>Creates a context for the configured provider; one short-lived context per operation.</summary>
public sealed class IndexDbContextFactory
{
    /// <summary>An arbitrary constant naming Berth's migration lock among the database's advisory locks.</summary>
    private const long MigrationLockId = 0x4265727468_01;
    private readonly DatabaseProvider _provider;
    private readonly DbContextOptions _options;
    private readonly string _dataDirectory;
    private readonly string? _sqliteFile;
    private readonly string? _postgreSqlConnection;

    public IndexDbContextFactory(IOptions<IndexOptions> options)
    {
        var database = options.Value;
        _provider = database.DatabaseProvider;
        _dataDirectory = Path.GetFullPath(database.DataDirectory);
        if (_provider == DatabaseProvider.Sqlite)
        {
            var connection = database.ConnectionString
                ?? $"Data Source={Path.Combine(Path.GetFullPath(database.DataDirectory), "index.db")};Foreign Keys=True";
            _options = new DbContextOptionsBuilder<SqliteIndexDbContext>().UseSqlite(connection)
                .AddInterceptors(new SqliteSynchronousInterceptor(database.SqliteSynchronous)).Options;
            var source = new SqliteConnectionStringBuilder(connection);
            _sqliteFile = source.Mode == SqliteOpenMode.Memory || source.DataSource is "" or ":memory:" ? null : Path.GetFullPath(source.DataSource);
        }
        else
        {
            var connection = database.ConnectionString
                ?? throw new OptionsValidationException(IndexOptions.SectionName, typeof(IndexOptions), ["Index:ConnectionString is required for PostgreSQL."]);
            _options = new DbContextOptionsBuilder<PostgreSqlIndexDbContext>().UseNpgsql(connection).Options;
            _postgreSqlConnection = connection;
        }
    }

    public IndexDbContext Create() => _provider == DatabaseProvider.Sqlite
        ? new SqliteIndexDbContext((DbContextOptions<SqliteIndexDbContext>)_options)
        : new PostgreSqlIndexDbContext((DbContextOptions<PostgreSqlIndexDbContext>)_options);

    /// <summary>
    /// Applies pending migrations. The SQLite file holds password hashes and the signing keys, so it is created (or
    /// narrowed) to mode 0600 first; SQLite gives its journal and WAL files the database file's mode.
    /// </summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (_provider == DatabaseProvider.Sqlite)
        {
            Directory.CreateDirectory(_dataDirectory);
            if (_sqliteFile is not null && !OperatingSystem.IsWindows())
            {
                RestrictToOwner(_sqliteFile);
            }
        }

        // Index nodes starting together on one database would run the same migration twice ("relation already exists").
        await RunExclusiveAsync(
            async ct =>
            {
                await using var db = Create();
                await db.Database.MigrateAsync(ct);
                if (_sqliteFile is not null)
                {
                    // Logins, audit records, failed-login counters and metadata write concurrently; in the default
                    // rollback journal a reader blocks a writer's commit and parallel token requests failed with
                    // "database is locked". WAL lets readers and the one writer proceed together; it persists in the file.
                    await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
                }
            },
            cancellationToken);
    }

    /// <summary>
    /// Runs start-up work one node at a time on PostgreSQL: a session advisory lock, held on a connection of its own.
    /// On SQLite (one machine) the work just runs.
    /// </summary>
    public async Task RunExclusiveAsync(Func<CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        if (_postgreSqlConnection is null)
        {
            await action(cancellationToken);
            return;
        }

        await using var connection = new NpgsqlConnection(_postgreSqlConnection);
        await connection.OpenAsync(cancellationToken);
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockId})", connection))
        {
            await take.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            await action(cancellationToken);
        }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLockId})", connection);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    [UnsupportedOSPlatform("windows")]
    private static void RestrictToOwner(string path)
    {
        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // An empty file is a valid, empty SQLite database; creating it here is what gives it its mode from the start.
        using (new FileStream(path, new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.Write, UnixCreateMode = ownerOnly }))
        {
        }

        if ((File.GetUnixFileMode(path) & ~ownerOnly) != 0)
        {
            File.SetUnixFileMode(path, ownerOnly);
        }
    }
}
