using System.Collections.Concurrent;
using Berth.Registry;
using Berth.Registry.Content;
using Berth.Registry.Manifests;

namespace Berth.Index.Metadata;

/// <summary>
/// Reads an event batch's pushed manifests and their image configs ahead, a few at a time, so that applying the batch
/// (one event after another per repository) finds them read instead of waiting on the registry for each in turn.
/// Anything not read ahead (an index's children, a large config) is read from the registry when asked for. A read
/// that failed fails when its result is asked for, as the read itself would have. Disposing stops reads still going.
/// </summary>
internal sealed class PrefetchingContentReader : IRegistryContentReader, IAsyncDisposable
{
    /// <summary>Configs larger than this are not kept in memory ahead; the index reads them when it records the manifest.</summary>
    private const long MaxPrefetchedConfigBytes = 64 * 1024;

    private readonly IRegistryContentReader _inner;
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _stop;
    private readonly ConcurrentDictionary<(string Repository, string Reference), Task<StoredManifest?>> _manifests = new();
    private readonly ConcurrentDictionary<(string Repository, Digest Digest), Task<byte[]?>> _configs = new();

    public PrefetchingContentReader(IRegistryContentReader inner, int concurrency, CancellationToken cancellationToken)
    {
        _inner = inner;
        _slots = new SemaphoreSlim(concurrency, concurrency);
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    public bool IsAvailable => _inner.IsAvailable;

    public string? RegistryName => _inner.RegistryName;

    /// <summary>Starts reading these manifests (by tag or digest) and their configs.</summary>
    public void Prefetch(IEnumerable<(string Repository, string Reference)> manifests)
    {
        foreach (var key in manifests)
        {
            _manifests.GetOrAdd(key, k => ReadAheadAsync(k.Repository, k.Reference));
        }
    }

    public Task<StoredManifest?> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken) =>
        _manifests.TryGetValue((repository, reference), out var read) ? read : _inner.GetManifestAsync(repository, reference, cancellationToken);

    public async Task<Stream?> OpenConfigAsync(string repository, Digest digest, long maxBytes, CancellationToken cancellationToken)
    {
        if (_configs.TryGetValue((repository, digest), out var read) && await read is { } bytes && bytes.Length <= maxBytes)
        {
            return new MemoryStream(bytes, writable: false);
        }

        return await _inner.OpenConfigAsync(repository, digest, maxBytes, cancellationToken);
    }

    public Task<IReadOnlyList<string>> ListRepositoriesAsync(CancellationToken cancellationToken) => _inner.ListRepositoriesAsync(cancellationToken);

    public Task<IReadOnlyList<string>> ListTagsAsync(string repository, CancellationToken cancellationToken) => _inner.ListTagsAsync(repository, cancellationToken);

    public Task<IReadOnlyList<Descriptor>> ListReferrersAsync(string repository, Digest subject, CancellationToken cancellationToken) =>
        _inner.ListReferrersAsync(repository, subject, cancellationToken);

    public Task<bool> DeleteTagAsync(string repository, string tag, CancellationToken cancellationToken) => _inner.DeleteTagAsync(repository, tag, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Task.WhenAll(_manifests.Values.Concat<Task>(_configs.Values));
        }
        catch (Exception)
        {
            // Failures were reported to whoever asked for the result; a read nobody asked for is of no interest.
        }

        _stop.Dispose();
        _slots.Dispose();
    }

    private async Task<StoredManifest?> ReadAheadAsync(string repository, string reference)
    {
        var cancellationToken = _stop.Token;
        StoredManifest? manifest;
        await _slots.WaitAsync(cancellationToken);
        try
        {
            manifest = await _inner.GetManifestAsync(repository, reference, cancellationToken);
        }
        finally
        {
            _slots.Release();
        }

        if (manifest is not null && ConfigOf(manifest) is { Size: <= MaxPrefetchedConfigBytes } config)
        {
            _ = _configs.GetOrAdd((repository, config.Digest), k => ReadConfigAheadAsync(k.Repository, k.Digest));
        }

        return manifest;
    }

    private async Task<byte[]?> ReadConfigAheadAsync(string repository, Digest digest)
    {
        var cancellationToken = _stop.Token;
        await _slots.WaitAsync(cancellationToken);
        try
        {
            await using var stream = await _inner.OpenConfigAsync(repository, digest, MaxPrefetchedConfigBytes, cancellationToken);
            if (stream is null)
            {
                return null;
            }

            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, cancellationToken);
            return copy.ToArray();
        }
        finally
        {
            _slots.Release();
        }
    }

    private static Descriptor? ConfigOf(StoredManifest manifest)
    {
        try
        {
            return ManifestParser.Parse(manifest.Content, null).Config;
        }
        catch (RegistryException)
        {
            return null;
        }
    }
}
