using Berth.Index.Data;
using Microsoft.EntityFrameworkCore;

namespace Berth.Index.Sites;

/// <summary>The status of every registered registry, each probed (GET /v2/, at most 3 s) at once.</summary>
public sealed class RegistryStatusQueries
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);
    private readonly IndexDbContextFactory _db;
    private readonly RegistryContentReaders _readers;

    public RegistryStatusQueries(IndexDbContextFactory db, RegistryContentReaders readers)
    {
        _db = db;
        _readers = readers;
    }

    public async Task<IReadOnlyList<RegistryStatus>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = _db.Create();
        var registries = await db.Registries.AsNoTracking().OrderBy(r => r.Name).ToListAsync(cancellationToken);
        // Repositories living there or holding tags there (mirrored or replicated from another site); registries are few.
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var registry in registries)
        {
            counts[registry.Name] = await db.Repositories.LongCountAsync(
                x => x.RegistryName == registry.Name || db.SiteTags.Any(s => s.RepositoryId == x.Id && s.RegistryId == registry.Id), cancellationToken);
        }

        var reachable = await Task.WhenAll(registries.Select(r => ProbeAsync(r, cancellationToken)));
        return [.. registries.Select((r, i) => new RegistryStatus(
            r.Name,
            r.Url,
            r.PullHost,
            reachable[i],
            r.LastEventAt,
            r.LastEventAt is { } at && r.LastEventTimestamp is { } newest ? Math.Max(0, (at - newest).TotalSeconds) : null,
            r.LastResyncAt,
            r.LastError,
            counts.GetValueOrDefault(r.Name)))];
    }

    private async Task<bool> ProbeAsync(RegistryRecord registry, CancellationToken cancellationToken)
    {
        var reader = _readers.For(registry.Name, new Uri(registry.Url));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            await reader.PingAsync(timeout.Token);
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or Client.RegistryClientException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }
}
