using System.Collections.Concurrent;
using Berth.Client;
using Berth.Mirror.Diagnostics;
using Berth.Mirror.Upstream;
using Berth.Registry;
using Berth.Registry.Content;
using Berth.Registry.Manifests;
using Berth.Registry.Names;
using Berth.Registry.Reading;
using Berth.Registry.Tags;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Mirror.Manifests;

/// <summary>
/// Manifests in mirror mode. By digest: from the store, else fetched once, verified and kept forever. By tag: from the
/// store while the tag is younger than Mirror:TagTtl, then revalidated with a HEAD (which Docker Hub does not count
/// against pull limits); when the upstream cannot answer, the cached tag is served with a Warning header.
/// Concurrent requests for the same reference share one upstream exchange.
/// </summary>
internal sealed class MirrorManifestSource(
    ManifestStore manifests,
    TagStore tags,
    UpstreamRegistry upstream,
    TagFreshness freshness,
    MirrorMetrics metrics,
    IOptions<MirrorOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<MirrorManifestSource> logger) : IManifestSource
{
    public const string StaleWarning = "110 berth \"Response is stale: the upstream registry is unreachable\"";

    private readonly ConcurrentDictionary<string, Lazy<Task<ManifestRead>>> _inFlight = new(StringComparer.Ordinal);

    public async Task<ManifestRead> GetAsync(RepositoryName name, Reference reference, CancellationToken cancellationToken)
    {
        if (options.Value.IsLocal(name))
        {
            return new ManifestRead(await manifests.GetAsync(name, reference, cancellationToken));
        }

        if (reference.Digest is { } digest)
        {
            if (await TryGetStoredAsync(name, digest, cancellationToken) is { } stored)
            {
                metrics.Hit("manifest");
                return new ManifestRead(stored);
            }

            return await CoalesceAsync($"{name.Value}@{digest}", token => FetchAsync(name, digest.ToString(), digest, null, token), cancellationToken);
        }

        var tag = reference.Tag!;
        if (freshness.IsFresh(name, tag) && await tags.ResolveAsync(name, tag, cancellationToken) is { } current
            && await TryGetStoredAsync(name, current, cancellationToken) is { } fresh)
        {
            metrics.Hit("manifest");
            return new ManifestRead(fresh);
        }

        return await CoalesceAsync($"{name.Value}:{tag.Value}", token => RevalidateAsync(name, tag, token), cancellationToken);
    }

    private async Task<ManifestRead> RevalidateAsync(RepositoryName name, Tag tag, CancellationToken cancellationToken)
    {
        var cached = await tags.ResolveAsync(name, tag, cancellationToken) is { } digest
            ? await TryGetStoredAsync(name, digest, cancellationToken)
            : null;
        try
        {
            var head = await upstream.HeadManifestAsync(name, tag.Value, cancellationToken) ?? throw UnknownUpstream(tag.Value);
            if (cached is not null && head.Digest == cached.Digest.ToString())
            {
                freshness.Confirmed(name, tag);
                metrics.Hit("manifest");
                return new ManifestRead(cached);
            }

            var fetched = await FetchAsync(name, tag.Value, null, tag, cancellationToken);
            freshness.Confirmed(name, tag);
            return fetched;
        }
        catch (UpstreamUnreachableException e) when (cached is not null)
        {
            Log.ServingStale(logger, name.Value, tag.Value, cached.Digest.ToString(), e.Message);
            metrics.StaleResponse();
            return new ManifestRead(cached, StaleWarning);
        }
    }

    private async Task<ManifestRead> FetchAsync(RepositoryName name, string reference, Digest? expected, Tag? tag, CancellationToken cancellationToken)
    {
        ManifestResponse response;
        try
        {
            response = await upstream.GetManifestAsync(name, reference, cancellationToken) ?? throw UnknownUpstream(reference);
        }
        catch (UpstreamUnreachableException e) when (expected is not null)
        {
            throw new RegistryException(RegistryErrorCode.Unavailable, $"Manifest {reference} is not cached and {e.Message}", null);
        }

        var claimed = expected ?? (Digest.TryParse(response.Digest, out var header) ? header : null);
        var actual = Digest.Compute(claimed?.Algorithm ?? DigestAlgorithm.Sha256, response.Content);
        if (claimed is { } want && want != actual)
        {
            throw new RegistryException(
                RegistryErrorCode.Unavailable,
                $"The upstream served manifest {reference} with bytes that hash to {actual}, not {want}; nothing was cached.",
                new { expected = want.ToString(), actual = actual.ToString() });
        }

        var stored = await manifests.StoreFetchedAsync(name, actual, response.Content, tag, cancellationToken);
        metrics.Miss("manifest");
        Log.ManifestCached(logger, name.Value, actual.ToString(), reference);
        return new ManifestRead(stored);
    }

    /// <summary>Runs one exchange per key, detached from the requests (a client leaving does not cancel it for the others).</summary>
    private async Task<ManifestRead> CoalesceAsync(string key, Func<CancellationToken, Task<ManifestRead>> exchange, CancellationToken cancellationToken)
    {
        var mine = new Lazy<Task<ManifestRead>>(() => RunAsync(key, exchange));
        var shared = _inFlight.GetOrAdd(key, mine);
        if (!ReferenceEquals(shared, mine))
        {
            metrics.CoalescedWait("manifest");
        }

        try
        {
            return await shared.Value.WaitAsync(cancellationToken);
        }
        catch (UpstreamUnreachableException e)
        {
            throw new RegistryException(RegistryErrorCode.Unavailable, $"'{key}' is not cached and {e.Message}", null);
        }
    }

    private async Task<ManifestRead> RunAsync(string key, Func<CancellationToken, Task<ManifestRead>> exchange)
    {
        await Task.Yield();
        try
        {
            return await exchange(lifetime.ApplicationStopping);
        }
        finally
        {
            _inFlight.TryRemove(key, out _);
        }
    }

    private async Task<StoredManifest?> TryGetStoredAsync(RepositoryName name, Digest digest, CancellationToken cancellationToken)
    {
        try
        {
            return await manifests.GetAsync(name, Reference.Parse(digest.ToString()), cancellationToken);
        }
        catch (RegistryException e) when (e.Code == RegistryErrorCode.ManifestUnknown)
        {
            return null;
        }
    }

    private RegistryException UnknownUpstream(string reference) =>
        new(RegistryErrorCode.ManifestUnknown, $"Manifest '{reference}' is unknown upstream ({upstream.Address}).", new { reference });
}
