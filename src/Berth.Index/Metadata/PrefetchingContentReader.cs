using System.Collections.Concurrent;
using Berth.Registry;
using Berth.Registry.Content;
using Berth.Registry.Events;
using Berth.Registry.Manifests;

namespace Berth.Index.Metadata;

/// <summary>
/// The content an event batch needs, at hand before the batch is applied (one event after another per repository):
/// the manifests and config details the pushes carry (<see cref="RegistryEvent.ManifestContent"/>,
/// <see cref="RegistryEvent.Config"/>), and for pushes that carry none (a registry that sends none, a manifest too
/// large to carry) the manifest and its config read ahead from the registry, a few at a time. Anything else (an index's
/// children not in the batch) is read from the registry when asked for. A read that failed fails when its result is
/// asked for, as the read itself would have. Disposing stops reads still going.
/// </summary>
internal sealed class PrefetchingContentReader : IRegistryContentReader, IAsyncDisposable
{
    private readonly IRegistryContentReader _inner;
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _stop;
    private readonly ConcurrentDictionary<(string Repository, string Reference), Task<StoredManifest?>> _manifests = new();
    private readonly ConcurrentDictionary<(string Repository, Digest Digest), Task<ImageConfigDetails?>> _configs = new();

    public PrefetchingContentReader(IRegistryContentReader inner, int concurrency, CancellationToken cancellationToken)
    {
        _inner = inner;
        _slots = new SemaphoreSlim(concurrency, concurrency);
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    public bool IsAvailable => _inner.IsAvailable;

    public string? RegistryName => _inner.RegistryName;

    /// <summary>Takes what these pushes carry, and starts reading what they do not (by digest, else by tag).</summary>
    public void Prefetch(IEnumerable<RegistryEvent> pushes)
    {
        foreach (var push in pushes)
        {
            if (push.Digest is { } digest && push.ManifestContent is { } content)
            {
                var manifest = new StoredManifest(digest, ManifestParser.DetectMediaType(content), content);
                _manifests.TryAdd((push.Repository, digest.ToString()), Task.FromResult<StoredManifest?>(manifest));
                if (push.Config is { } config)
                {
                    _configs.TryAdd((push.Repository, config.Digest), Task.FromResult<ImageConfigDetails?>(config));
                }
                else
                {
                    ReadConfigAhead(push.Repository, manifest);
                }
            }
            else if ((push.Digest?.ToString() ?? push.Tag) is { } reference)
            {
                _manifests.GetOrAdd((push.Repository, reference), k => ReadAheadAsync(k.Repository, k.Reference));
            }
        }
    }

    public Task<StoredManifest?> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken) =>
        _manifests.TryGetValue((repository, reference), out var read) ? read : _inner.GetManifestAsync(repository, reference, cancellationToken);

    public Task<ImageConfigDetails?> ReadConfigAsync(string repository, Digest digest, CancellationToken cancellationToken) =>
        _configs.TryGetValue((repository, digest), out var read) ? read : _inner.ReadConfigAsync(repository, digest, cancellationToken);

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
        var manifest = await ReadInTurnAsync(ct => _inner.GetManifestAsync(repository, reference, ct));
        if (manifest is not null)
        {
            ReadConfigAhead(repository, manifest);
        }

        return manifest;
    }

    private void ReadConfigAhead(string repository, StoredManifest manifest)
    {
        if (ConfigOf(manifest) is { } config)
        {
            _ = _configs.GetOrAdd((repository, config.Digest), k => ReadInTurnAsync(ct => _inner.ReadConfigAsync(k.Repository, k.Digest, ct)));
        }
    }

    /// <summary>A read of the registry, when one of the slots is free.</summary>
    private async Task<T> ReadInTurnAsync<T>(Func<CancellationToken, Task<T>> read)
    {
        var cancellationToken = _stop.Token;
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return await read(cancellationToken);
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
