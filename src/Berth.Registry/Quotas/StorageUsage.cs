using System.Collections.Concurrent;
using System.Diagnostics;
using Berth.Registry.Content;
using Berth.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Registry.Quotas;

/// <summary>
/// Storage used per namespace. A namespace is walked once (<see cref="UsageCalculator"/>) and then kept up to date by
/// what this node admits, until the value is older than <see cref="QuotaOptions.UsageMaxAge"/>; deletions and
/// collections on this node drop it at once. Pushes on other nodes are seen at the next walk (docs/gc.md).
/// </summary>
public sealed class StorageUsage(IStorageDriver driver, IOptions<QuotaOptions> options, TimeProvider time, ILogger<StorageUsage> logger)
{
    /// <summary>A refusal is only given on a value at most this old, so a push is not refused on a stale view.</summary>
    private static readonly TimeSpan RefusalRecheck = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, UsageEntry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<UsageEntry>>> _computing = new(StringComparer.Ordinal);

    /// <summary>The namespace's usage; <paramref name="fresh"/> walks the store now instead of using this node's value.</summary>
    public async Task<NamespaceUsage> GetAsync(string @namespace, bool fresh, CancellationToken cancellationToken)
    {
        var entry = await GetEntryAsync(@namespace, fresh ? TimeSpan.Zero : options.Value.UsageMaxAge, cancellationToken);
        lock (entry)
        {
            return entry.ToUsage();
        }
    }

    /// <summary>Walks every namespace in the store now (each shared blob stat'ed once) and keeps the results.</summary>
    public async Task<IReadOnlyList<NamespaceUsage>> ListAsync(CancellationToken cancellationToken)
    {
        using var calculator = new UsageCalculator(driver, options.Value.Concurrency);
        var namespaces = await calculator.ListNamespacesAsync(cancellationToken);
        var entries = await Task.WhenAll(namespaces.Select(n => ComputeAsync(calculator, n, cancellationToken)));
        return [.. entries.Select(e => e.ToUsage())];
    }

    /// <summary>Drops this node's value, after a change that may free space (a delete, a collection).</summary>
    public void Forget(string @namespace) => _entries.TryRemove(@namespace, out _);

    public void ForgetAll() => _entries.Clear();

    /// <summary>
    /// Admits <paramref name="digest"/> into the namespace when it is there already or fits under <paramref name="limit"/>;
    /// otherwise returns the bytes in use that refused it.
    /// </summary>
    internal async Task<long?> TryAdmitAsync(string @namespace, Digest digest, long size, long limit, CancellationToken cancellationToken)
    {
        var entry = await GetEntryAsync(@namespace, options.Value.UsageMaxAge, cancellationToken);
        if (Admit(entry, digest, size, limit) is not { } used)
        {
            return null;
        }

        return time.GetUtcNow() - entry.ComputedAt <= RefusalRecheck
            ? used
            : Admit(await GetEntryAsync(@namespace, RefusalRecheck, cancellationToken), digest, size, limit);
    }

    /// <summary>Null when admitted (already counted, or it fits and is now counted); the bytes in use when refused.</summary>
    private long? Admit(UsageEntry entry, Digest digest, long size, long limit)
    {
        lock (entry)
        {
            if (entry.Contains(digest))
            {
                return null;
            }

            if (entry.Bytes + size > limit)
            {
                return entry.Bytes;
            }

            entry.Admit(digest, size, time.GetUtcNow());
            return null;
        }
    }

    private async Task<UsageEntry> GetEntryAsync(string @namespace, TimeSpan maxAge, CancellationToken cancellationToken)
    {
        if (_entries.TryGetValue(@namespace, out var entry) && time.GetUtcNow() - entry.ComputedAt <= maxAge && maxAge > TimeSpan.Zero)
        {
            return entry;
        }

        var computing = _computing.GetOrAdd(@namespace, n => new Lazy<Task<UsageEntry>>(() => ComputeAloneAsync(n)));
        try
        {
            return await computing.Value.WaitAsync(cancellationToken);
        }
        finally
        {
            _computing.TryRemove(KeyValuePair.Create(@namespace, computing));
        }
    }

    /// <summary>Shared by every push waiting for the namespace, so it does not stop when the first of them gives up.</summary>
    private async Task<UsageEntry> ComputeAloneAsync(string @namespace)
    {
        using var calculator = new UsageCalculator(driver, options.Value.Concurrency);
        return await ComputeAsync(calculator, @namespace, CancellationToken.None);
    }

    private async Task<UsageEntry> ComputeAsync(UsageCalculator calculator, string @namespace, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var started = time.GetUtcNow();
        var computed = await calculator.ComputeAsync(@namespace, started, cancellationToken);
        if (_entries.TryGetValue(@namespace, out var previous))
        {
            // What this node admitted while the walk ran may have been linked after the walk listed its repository.
            lock (previous)
            {
                foreach (var (digest, size, at) in previous.AdmittedSince(started))
                {
                    computed.Admit(digest, size, at);
                }
            }
        }

        _entries[@namespace] = computed;
        var usage = computed.ToUsage();
        Log.UsageComputed(logger, @namespace, usage.Bytes, usage.Blobs, usage.Repositories.Count, stopwatch.ElapsedMilliseconds);
        return computed;
    }
}
