using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Berth.Index.Data;

/// <summary>Lets dotnet-ef build the PostgreSQL context without a server.</summary>
internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlIndexDbContext>
{
    public PostgreSqlIndexDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlIndexDbContext>().UseNpgsql("Host=localhost;Database=berth").Options);
}
