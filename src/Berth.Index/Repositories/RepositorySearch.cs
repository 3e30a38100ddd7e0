using System.Globalization;
using System.Text;
using Berth.Index.Data;
using Microsoft.EntityFrameworkCore;

namespace Berth.Index.Repositories;

/// <summary>
/// Full-text matching over names and descriptions: every word of the query must prefix-match a word of the name or
/// description. SQLite answers from its FTS5 table, PostgreSQL from the GIN-indexed tsvector column; both are set up
/// by the Metadata migration. Words are letters and digits only, so nothing of the query reaches the SQL as syntax.
/// </summary>
internal static class RepositorySearch
{
    private const int MaxTerms = 8;
    private const int MaxTermLength = 64;

    /// <summary>The ids of matching repositories as a composable subquery, or null when the query has no words.</summary>
    public static IQueryable<long>? MatchingIds(IndexDbContext db, string? query)
    {
        var terms = Terms(query);
        if (terms.Count == 0)
        {
            return null;
        }

        if (db is SqliteIndexDbContext)
        {
            var match = string.Join(' ', terms.Select(t => $"\"{t}\"*"));
            return db.Database.SqlQuery<long>($"""SELECT rowid AS "Value" FROM "RepositorySearch" WHERE "RepositorySearch" MATCH {match}""");
        }

        var tsquery = string.Join(" & ", terms.Select(t => t + ":*"));
        return db.Database.SqlQuery<long>($"""SELECT "Id" AS "Value" FROM "Repositories" WHERE "SearchVector" @@ to_tsquery('simple', {tsquery})""");
    }

    public static IReadOnlyList<string> Terms(string? query)
    {
        var terms = new List<string>();
        if (string.IsNullOrWhiteSpace(query))
        {
            return terms;
        }

        var current = new StringBuilder();
        foreach (var c in query.Normalize(NormalizationForm.FormC))
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLower(c, CultureInfo.InvariantCulture));
                continue;
            }

            Flush(current, terms);
        }

        Flush(current, terms);
        return terms;
    }

    private static void Flush(StringBuilder current, List<string> terms)
    {
        if (current.Length > 0 && terms.Count < MaxTerms)
        {
            var term = current.Length > MaxTermLength ? current.ToString(0, MaxTermLength) : current.ToString();
            if (!terms.Contains(term, StringComparer.Ordinal))
            {
                terms.Add(term);
            }
        }

        current.Clear();
    }
}
