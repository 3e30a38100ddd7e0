using Berth.Index.Accounts;
using Berth.Index.Data;
using Microsoft.EntityFrameworkCore;

namespace Berth.Index.Repositories;

/// <summary>Stars of signed-in users; a repository's count is recomputed from the rows on every change.</summary>
public sealed class StarService
{
    private readonly IndexDbContextFactory _db;
    private readonly RepositoryQueries _queries;
    private readonly TimeProvider _time;

    public StarService(IndexDbContextFactory db, RepositoryQueries queries, TimeProvider time)
    {
        _db = db;
        _queries = queries;
        _time = time;
    }

    /// <summary>Stars (or unstars) a repository the viewer may read; returns the new count, or null when it is not visible.</summary>
    public async Task<int?> SetAsync(IndexPrincipal viewer, string repository, bool starred, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = _db.Create();
        var record = await _queries.FindReadableAsync(db, repository, viewer, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var existing = await db.Stars.SingleOrDefaultAsync(s => s.UserId == viewer.UserId && s.RepositoryId == record.Id, cancellationToken);
        if (starred && existing is null)
        {
            db.Stars.Add(new Star { UserId = viewer.UserId, RepositoryId = record.Id, CreatedAt = _time.GetUtcNow().UtcDateTime });
        }
        else if (!starred && existing is not null)
        {
            db.Stars.Remove(existing);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent identical star: the row exists, which is what was asked.
        }

        var id = record.Id;
        await db.Repositories.Where(r => r.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.StarCount, r => db.Stars.Count(x => x.RepositoryId == id)), cancellationToken);
        return await db.Repositories.Where(r => r.Id == id).Select(r => r.StarCount).SingleAsync(cancellationToken);
    }
}
