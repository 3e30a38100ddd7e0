using System.Text.Json;
using Berth.Registry.Layout;
using Berth.Registry.Storage;
using Berth.Storage;
using Microsoft.Extensions.Logging;

namespace Berth.Registry.GarbageCollection;

/// <summary>
/// The records of finished runs, one small JSON object each under /v1/gc/runs (outside /v1/blobs, so no sweep ever
/// lists them), named by start time so a listing is in order; the newest <see cref="Kept"/> are kept.
/// </summary>
public sealed class GarbageCollectionHistory(IStorageDriver driver, ILogger<GarbageCollectionHistory> logger)
{
    public const int Kept = 100;

    /// <summary>The newest runs first, at most <paramref name="limit"/>; records that cannot be read are left out.</summary>
    public async Task<IReadOnlyList<GcRunRecord>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        var names = (await ListNamesAsync(cancellationToken)).OrderDescending(StringComparer.Ordinal).Take(limit).ToList();
        var records = await Task.WhenAll(names.Select(async name =>
        {
            var content = await driver.TryGetContentAsync(RegistryLayout.GcRunRecord(name), cancellationToken);
            try
            {
                return content is null ? null : JsonSerializer.Deserialize(content, GcJsonContext.Default.GcRunRecord);
            }
            catch (JsonException)
            {
                return null;
            }
        }));
        return [.. records.OfType<GcRunRecord>()];
    }

    /// <summary>Writes the record and drops the oldest beyond <see cref="Kept"/>; a failure is logged, never thrown, as the run itself is over.</summary>
    internal async Task RecordAsync(GcRunRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await driver.PutContentAsync(RegistryLayout.GcRun(record.StartedAt, record.RunId), JsonSerializer.SerializeToUtf8Bytes(record, GcJsonContext.Default.GcRunRecord), cancellationToken);
            var names = (await ListNamesAsync(cancellationToken)).Order(StringComparer.Ordinal).ToList();
            foreach (var old in names.Take(Math.Max(0, names.Count - Kept)))
            {
                await driver.TryDeleteAsync(RegistryLayout.GcRunRecord(old), cancellationToken);
            }
        }
#pragma warning disable CA1031 // Any driver failure (an outage, a refused write) only costs the record; the run is done.
        catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
        {
            Log.HistoryNotWritten(logger, exception, record.RunId);
        }
    }

    private async Task<List<string>> ListNamesAsync(CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await foreach (var name in driver.ListNamesAsync(RegistryLayout.GcRunsRoot, cancellationToken))
        {
            if (name.EndsWith(".json", StringComparison.Ordinal))
            {
                names.Add(name);
            }
        }

        return names;
    }
}
