using Berth.Index.Data;
using Berth.Index.Metadata;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Berth.Index.Sites;

/// <summary>
/// Brings the index back in line with a registry whose events were lost (its queue deleted, a long outage): every
/// repository of its catalog, and every repository the index places there, gets exactly the tags the registry lists.
/// </summary>
public sealed class RegistryResync
{
    private readonly IndexDbContextFactory _db;
    private readonly RegistryContentReaders _readers;
    private readonly RegistrySites _sites;
    private readonly MetadataBackfill _backfill;
    private readonly TimeProvider _time;
    private readonly ILogger<RegistryResync> _logger;

    public RegistryResync(IndexDbContextFactory db, RegistryContentReaders readers, RegistrySites sites, MetadataBackfill backfill, TimeProvider time, ILogger<RegistryResync> logger)
    {
        _db = db;
        _readers = readers;
        _sites = sites;
        _backfill = backfill;
        _time = time;
        _logger = logger;
    }

    /// <summary>Resynchronises one repository, or the whole registry when repository is null; null when the registry is unknown.</summary>
    public async Task<ResyncResult?> RunAsync(string registryName, string? repository, CancellationToken cancellationToken)
    {
        if (await _readers.ForAsync(registryName, cancellationToken) is not { } reader)
        {
            return null;
        }

        try
        {
            var names = repository is not null ? [repository] : await RepositoriesAsync(registryName, reader, cancellationToken);
            var tags = 0;
            foreach (var name in names)
            {
                tags += await _backfill.SyncRepositoryAsync(name, reader, cancellationToken);
            }

            await using var db = _db.Create();
            await db.Registries.Where(r => r.Name == registryName).ExecuteUpdateAsync(
                s => s.SetProperty(r => r.LastResyncAt, _time.GetUtcNow().UtcDateTime).SetProperty(r => r.LastError, (string?)null), cancellationToken);
            Log.Resynchronised(_logger, registryName, names.Count, tags);
            return new ResyncResult(names.Count, tags);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.ResyncFailed(_logger, e, registryName);
            await _sites.RecordErrorAsync(registryName, "resync: " + e.Message, CancellationToken.None);
            throw;
        }
    }

    /// <summary>The registry's catalog, and the repositories the index places there or has tags of there (their images may all be gone).</summary>
    private async Task<List<string>> RepositoriesAsync(string registryName, IRegistryContentReader reader, CancellationToken cancellationToken)
    {
        var catalog = await reader.ListRepositoriesAsync(cancellationToken);
        await using var db = _db.Create();
        var held = db.SiteTags.Join(db.Registries.Where(r => r.Name == registryName), s => s.RegistryId, r => r.Id, (s, _) => s.RepositoryId);
        var placed = await db.Repositories.AsNoTracking().Where(r => r.RegistryName == registryName || held.Contains(r.Id)).Select(r => r.Name).ToListAsync(cancellationToken);
        return [.. catalog.Concat(placed).Distinct(StringComparer.Ordinal)];
    }
}
