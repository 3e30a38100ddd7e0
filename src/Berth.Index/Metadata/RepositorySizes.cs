using Berth.Index.Data;
using Microsoft.EntityFrameworkCore;

namespace Berth.Index.Metadata;

/// <summary>
/// Keeps a repository's TotalSize (its distinct manifests, configs and layers) by difference: a manifest recorded adds
/// its references to <see cref="RepositoryBlobRecord"/> rows and the sizes of those new to the repository, a manifest
/// deleted takes them away when no other manifest references them. Writers of other index nodes or an interrupted
/// write can leave the rows off; <see cref="ReconcileAsync"/> rebuilds them and the total from the manifests.
/// The caller holds the repository's lock and saves.
/// </summary>
internal static class RepositorySizes
{
    /// <summary>Counts a manifest newly recorded in the repository.</summary>
    public static async Task AddAsync(IndexDbContext db, RepositoryRecord repository, ManifestRecord manifest, CancellationToken cancellationToken)
    {
        var references = References(manifest.Digest, manifest.Size, manifest.ConfigDigest, manifest.ConfigSize, manifest.LayersJson);
        var rows = await RowsAsync(db, repository.Id, references.Keys, cancellationToken);
        foreach (var (digest, size) in references)
        {
            if (rows.TryGetValue(digest, out var row))
            {
                row.References++;
                continue;
            }

            db.RepositoryBlobs.Add(new RepositoryBlobRecord { RepositoryId = repository.Id, Digest = digest, Size = size, References = 1 });
            repository.TotalSize += size;
        }
    }

    /// <summary>Uncounts manifests deleted from the repository.</summary>
    public static async Task RemoveAsync(IndexDbContext db, RepositoryRecord repository, IReadOnlyList<ManifestRecord> manifests, CancellationToken cancellationToken)
    {
        foreach (var manifest in manifests)
        {
            var references = References(manifest.Digest, manifest.Size, manifest.ConfigDigest, manifest.ConfigSize, manifest.LayersJson);
            var rows = await RowsAsync(db, repository.Id, references.Keys, cancellationToken);
            foreach (var row in rows.Values.Where(r => --r.References <= 0))
            {
                db.RepositoryBlobs.Remove(row);
                repository.TotalSize = Math.Max(0, repository.TotalSize - row.Size);
            }

            // Saved per manifest: the next one's references must not find rows already removed.
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Rebuilds the repository's reference rows and TotalSize from all of its manifests; true when they had drifted.
    /// </summary>
    public static async Task<bool> ReconcileAsync(IndexDbContext db, RepositoryRecord repository, CancellationToken cancellationToken)
    {
        var manifests = await db.Manifests.AsNoTracking().Where(m => m.RepositoryId == repository.Id)
            .Select(m => new { m.Digest, m.Size, m.ConfigDigest, m.ConfigSize, m.LayersJson }).ToListAsync(cancellationToken);
        var expected = new Dictionary<string, (long Size, int References)>(StringComparer.Ordinal);
        foreach (var m in manifests)
        {
            foreach (var (digest, size) in References(m.Digest, m.Size, m.ConfigDigest, m.ConfigSize, m.LayersJson))
            {
                expected[digest] = (size, expected.TryGetValue(digest, out var seen) ? seen.References + 1 : 1);
            }
        }

        var drifted = false;
        var rows = await db.RepositoryBlobs.Where(b => b.RepositoryId == repository.Id).ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            if (!expected.Remove(row.Digest, out var want))
            {
                db.RepositoryBlobs.Remove(row);
                drifted = true;
            }
            else if (row.Size != want.Size || row.References != want.References)
            {
                (row.Size, row.References) = want;
                drifted = true;
            }
        }

        foreach (var (digest, (size, references)) in expected)
        {
            db.RepositoryBlobs.Add(new RepositoryBlobRecord { RepositoryId = repository.Id, Digest = digest, Size = size, References = references });
            drifted = true;
        }

        var total = rows.Where(r => db.Entry(r).State != EntityState.Deleted).Sum(r => r.Size) + expected.Values.Sum(v => v.Size);
        drifted |= repository.TotalSize != total;
        repository.TotalSize = total;
        return drifted;
    }

    /// <summary>The digests a manifest references, itself included, each once with its size.</summary>
    private static Dictionary<string, long> References(string digest, long size, string? configDigest, long? configSize, string? layersJson)
    {
        var references = new Dictionary<string, long>(StringComparer.Ordinal) { [digest] = size };
        if (configDigest is not null)
        {
            references[configDigest] = configSize ?? 0;
        }

        foreach (var layer in MetadataJson.Descriptors(layersJson))
        {
            references[layer.Digest] = layer.Size;
        }

        return references;
    }

    /// <summary>The repository's rows for these digests, tracked; rows added and not saved yet included.</summary>
    private static async Task<Dictionary<string, RepositoryBlobRecord>> RowsAsync(IndexDbContext db, long repositoryId, IEnumerable<string> digests, CancellationToken cancellationToken)
    {
        var wanted = digests.ToList();
        var rows = db.RepositoryBlobs.Local.Where(b => b.RepositoryId == repositoryId && wanted.Contains(b.Digest)).ToDictionary(b => b.Digest, StringComparer.Ordinal);
        var missing = wanted.Where(d => !rows.ContainsKey(d)).ToList();
        if (missing.Count > 0)
        {
            foreach (var row in await db.RepositoryBlobs.Where(b => b.RepositoryId == repositoryId && missing.Contains(b.Digest)).ToListAsync(cancellationToken))
            {
                rows[row.Digest] = row;
            }
        }

        return rows;
    }
}
