using System.Globalization;
using System.Text;
using Berth.Registry.Layout;
using Berth.Registry.Storage;
using Berth.Storage;

namespace Berth.Registry.GarbageCollection;

/// <summary>
/// Keeps two runs from collecting the same store at once, with nothing but the store: a lease object naming the
/// run and when it expires. A run writes its claim, waits <see cref="GarbageCollectionOptions.LeaseSettleTime"/>, and
/// proceeds only if its claim is still the one stored (the last of two simultaneous claims wins, the other backs off).
/// Pushes never look at the lease: their safety does not depend on it (docs/gc.md).
/// </summary>
internal sealed class GcLease(IStorageDriver driver, GarbageCollectionOptions options, TimeProvider time, string runId)
{
    /// <summary>The run that holds the store and until when, or null when nobody does.</summary>
    public async Task<(string Owner, DateTimeOffset Until)?> ReadAsync(CancellationToken cancellationToken)
    {
        var content = await driver.TryGetContentAsync(RegistryLayout.GcLease, cancellationToken);
        var lines = content is null ? [] : Encoding.UTF8.GetString(content).Split('\n');
        return lines.Length >= 2 && DateTimeOffset.TryParse(lines[1], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var until)
            ? (lines[0], until)
            : null;
    }

    /// <summary>Claims the store; returns the other holder when it holds an unexpired lease.</summary>
    public async Task<(string Owner, DateTimeOffset Until)?> AcquireAsync(CancellationToken cancellationToken)
    {
        if (await ReadAsync(cancellationToken) is { } held && held.Owner != runId && held.Until > time.GetUtcNow())
        {
            return held;
        }

        await WriteAsync(cancellationToken);
        if (options.LeaseSettleTime > TimeSpan.Zero)
        {
            await Task.Delay(options.LeaseSettleTime, time, cancellationToken);
        }

        return await ReadAsync(cancellationToken) is { } now && now.Owner != runId ? now : null;
    }

    /// <summary>Extends the lease; throws when another run took it (this run was paused past its expiry).</summary>
    public async Task RenewAsync(CancellationToken cancellationToken)
    {
        await EnsureHeldAsync(cancellationToken);
        await WriteAsync(cancellationToken);
    }

    public async Task EnsureHeldAsync(CancellationToken cancellationToken)
    {
        if (await ReadAsync(cancellationToken) is not { } held || held.Owner != runId)
        {
            throw new InvalidOperationException($"Garbage collection {runId} lost its lease on the store; it stops before removing anything more.");
        }
    }

    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        if (await ReadAsync(cancellationToken) is { } held && held.Owner == runId)
        {
            await driver.TryDeleteAsync(RegistryLayout.GcLease, cancellationToken);
        }
    }

    private Task WriteAsync(CancellationToken cancellationToken)
    {
        var until = time.GetUtcNow() + options.LeaseDuration;
        return driver.PutContentAsync(RegistryLayout.GcLease, Encoding.UTF8.GetBytes($"{runId}\n{until.ToString("O", CultureInfo.InvariantCulture)}"), cancellationToken);
    }
}
