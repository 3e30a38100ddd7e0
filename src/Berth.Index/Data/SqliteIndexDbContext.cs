using Microsoft.EntityFrameworkCore;

namespace Berth.Index.Data;

/// <summary>The embedded default: a SQLite file in the data directory.</summary>
internal sealed class SqliteIndexDbContext(DbContextOptions<SqliteIndexDbContext> options) : IndexDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        // The full-text table is kept by triggers (see the Metadata migration); EF must not use RETURNING on it.
        modelBuilder.Entity<RepositoryRecord>().ToTable(t => t.HasTrigger("Repositories_Search_Insert"));
    }
}
