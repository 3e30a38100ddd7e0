using System.Data.Common;
using Berth.Index.Accounts;
using Berth.Index.Data;
using Berth.Index.Repositories;
using Berth.Index.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Index.Tests.Metadata;

/// <summary>
/// Search at 100,000 repositories: the listing query's plan uses the full-text index (FTS5 table, GIN index), and
/// visibility still applies. Timings belong in bench/, so only the plan and the results are asserted.
/// </summary>
public abstract class SearchPlanTests : IndexTestBase
{
    private const int Count = 100_000;

    [Fact]
    public async Task Search_Over100000Repositories_UsesTheFullTextIndex_AndKeepsVisibility()
    {
        await using var db = Server.Services.GetRequiredService<IndexDbContextFactory>().Create();
        await SeedAsync(db);
        var ids = RepositorySearch.MatchingIds(db, "word4242")!;
        var query = db.Repositories.Where(r => r.Visibility == RepositoryVisibility.Public && ids.Contains(r.Id))
            .OrderByDescending(r => r.StarCount).ThenBy(r => r.Name).Take(25);

        var plan = await ExplainAsync(db, query);

        Assert.Contains(Provider == DatabaseProvider.Sqlite ? "VIRTUAL TABLE INDEX" : "IX_Repositories_SearchVector", plan, StringComparison.Ordinal);
        var queries = Server.Services.GetRequiredService<RepositoryQueries>();
        var expectedPublic = Enumerable.Range(1, Count).Count(i => i % 5000 == 4242 && i % 3 == 0);
        Assert.Equal(expectedPublic, (await queries.ListAsync(new RepositoryListRequest { Query = "word4242" }, null, default)).Total);
        Assert.Equal(Count / 5000, (await queries.ListAsync(new RepositoryListRequest { Query = "word4242" }, new IndexPrincipal(1, "admin", true, false, null), default)).Total);
    }

    private async Task SeedAsync(IndexDbContext db)
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync($"""
                WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < {Count})
                INSERT INTO "Repositories" ("Name", "Namespace", "Visibility", "Description", "StarCount", "PullCount", "TotalSize", "UpdatedAt", "CreatedAt")
                SELECT 'ns' || (i % 1000) || '/repo' || i, 'ns' || (i % 1000), CASE WHEN i % 3 = 0 THEN 1 ELSE 0 END,
                       'Description number ' || i || ' word' || (i % 5000), i % 97, 0, 0, '2026-01-01 00:00:00', '2026-01-01 00:00:00'
                FROM seq
                """);
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
            return;
        }

        await db.Database.ExecuteSqlRawAsync($"""
            INSERT INTO "Repositories" ("Name", "Namespace", "Visibility", "Description", "StarCount", "PullCount", "TotalSize", "UpdatedAt", "CreatedAt")
            SELECT 'ns' || (i % 1000) || '/repo' || i, 'ns' || (i % 1000), CASE WHEN i % 3 = 0 THEN 1 ELSE 0 END,
                   'Description number ' || i || ' word' || (i % 5000), i % 97, 0, 0, now(), now()
            FROM generate_series(1, {Count}) AS i
            """);
        await db.Database.ExecuteSqlRawAsync("ANALYZE \"Repositories\"");
    }

    private async Task<string> ExplainAsync(IndexDbContext db, IQueryable<RepositoryRecord> query)
    {
        await using var command = query.CreateDbCommand();
        command.CommandText = (Provider == DatabaseProvider.Sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + command.CommandText;
        await db.Database.OpenConnectionAsync();
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(string.Join(' ', Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i)?.ToString())));
        }

        return string.Join('\n', lines);
    }
}
