using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Berth.Index.Data;

/// <summary>Lets dotnet-ef build the SQLite context without running berth's command line.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteIndexDbContext>
{
    public SqliteIndexDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteIndexDbContext>().UseSqlite("Data Source=design.db").Options);
}
