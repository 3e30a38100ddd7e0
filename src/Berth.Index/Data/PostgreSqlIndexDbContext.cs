using Microsoft.EntityFrameworkCore;

namespace Berth.Index.Data;

/// <summary>PostgreSQL, for several index nodes sharing one database.</summary>
internal sealed class PostgreSqlIndexDbContext(DbContextOptions<PostgreSqlIndexDbContext> options) : IndexDbContext(options);
