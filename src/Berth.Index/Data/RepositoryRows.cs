using Berth.Registry.Names;
using Microsoft.EntityFrameworkCore;

namespace Berth.Index.Data;

/// <summary>
/// The one way to get a repository's record when it may not exist yet. Pushes, pulls, visibility changes and other
/// index nodes create records concurrently; the unique name decides which insert wins and the others read its row.
/// Inside a transaction the failed insert is undone by the savepoint EF Core takes around SaveChanges.
/// </summary>
internal static class RepositoryRows
{
    public static async Task<RepositoryRecord> FindOrCreateAsync(IndexDbContext db, RepositoryName name, DateTime now, CancellationToken cancellationToken)
    {
        var repository = db.Repositories.Local.FirstOrDefault(r => r.Name == name.Value)
            ?? await db.Repositories.SingleOrDefaultAsync(r => r.Name == name.Value, cancellationToken);
        if (repository is not null)
        {
            return repository;
        }

        repository = RepositoryRecord.Create(name, now);
        db.Repositories.Add(repository);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return repository;
        }
        catch (DbUpdateException)
        {
            db.Entry(repository).State = EntityState.Detached;
            return await db.Repositories.SingleOrDefaultAsync(r => r.Name == name.Value, cancellationToken)
                ?? throw new InvalidOperationException($"The record of repository '{name.Value}' could be neither created nor found.");
        }
    }
}
