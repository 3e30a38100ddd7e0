using Microsoft.EntityFrameworkCore;

namespace Berth.Index.Data;

/// <summary>The embedded default: a SQLite file in the data directory.</summary>
public sealed class SqliteIndexDbContext(DbContextOptions<SqliteIndexDbContext> options) : IndexDbContext(options);
