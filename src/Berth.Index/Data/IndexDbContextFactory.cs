using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Berth.Index.Data;

/// <summary>Creates a context for the configured provider; one short-lived context per operation.</summary>
public sealed class IndexDbContextFactory
{
    private readonly DatabaseProvider _provider;
    private readonly DbContextOptions _options;
    private readonly string _dataDirectory;

    public IndexDbContextFactory(IOptions<IndexOptions> options)
    {
        var database = options.Value;
        _provider = database.DatabaseProvider;
        _dataDirectory = Path.GetFullPath(database.DataDirectory);
        if (_provider == DatabaseProvider.Sqlite)
        {
            var connection = database.ConnectionString
                ?? $"Data Source={Path.Combine(Path.GetFullPath(database.DataDirectory), "index.db")};Foreign Keys=True";
            _options = new DbContextOptionsBuilder<SqliteIndexDbContext>().UseSqlite(connection).Options;
        }
        else
        {
            var connection = database.ConnectionString
                ?? throw new OptionsValidationException(IndexOptions.SectionName, typeof(IndexOptions), ["Index:ConnectionString is required for PostgreSQL."]);
            _options = new DbContextOptionsBuilder<PostgreSqlIndexDbContext>().UseNpgsql(connection).Options;
        }
    }

    public IndexDbContext Create() => _provider == DatabaseProvider.Sqlite
        ? new SqliteIndexDbContext((DbContextOptions<SqliteIndexDbContext>)_options)
        : new PostgreSqlIndexDbContext((DbContextOptions<PostgreSqlIndexDbContext>)_options);

    /// <summary>Applies pending migrations; the SQLite file's folder is created first.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (_provider == DatabaseProvider.Sqlite)
        {
            Directory.CreateDirectory(_dataDirectory);
        }

        await using var db = Create();
        await db.Database.MigrateAsync(cancellationToken);
    }
}
