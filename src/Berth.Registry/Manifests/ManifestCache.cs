using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Berth.Registry.Content;
using Berth.Registry.Names;
using Microsoft.Extensions.Options;

namespace Berth.Registry.Manifests;

/// <summary>
/// The manifest read path's memory, so a warm GET by tag touches no storage. Manifest content by digest never
/// changes, so it is kept freely (bounded by bytes; dropped wholesale when full, refilled by one read each).
/// A resolution (repository + tag or digest → a digest whose revision link was seen) may change through another
/// node, so it is trusted only for <see cref="ManifestCacheOptions.Revalidation"/>; this node's own writes evict at
/// once, and a generation counter keeps a read that raced a write from caching what it read before the write.
/// </summary>
public sealed class ManifestCache
{
    private readonly ConcurrentDictionary<Digest, StoredManifest> _manifests = new();
    private readonly ConcurrentDictionary<(string Repository, string Reference), Resolution> _resolutions = new();
    private readonly TimeProvider _time;
    private readonly ManifestCacheOptions _options;
    private readonly long _revalidationTicks;
    private long _bytes;
    private long _generation;

    public ManifestCache(TimeProvider time, IOptions<ManifestCacheOptions> options)
    {
        _time = time;
        _options = options.Value;
        _revalidationTicks = (long)(_options.Revalidation.TotalSeconds * time.TimestampFrequency);
    }

    private bool Enabled => _options.MaxBytes > 0;

    /// <summary>Read before resolving from storage; pass it to <see cref="AddResolution"/>.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public bool TryGetManifest(Digest digest, [NotNullWhen(true)] out StoredManifest? manifest) =>
        _manifests.TryGetValue(digest, out manifest);

    public void AddManifest(StoredManifest manifest)
    {
        if (!Enabled || manifest.Content.Length > _options.MaxBytes)
        {
            return;
        }

        if (Interlocked.Add(ref _bytes, manifest.Content.Length) > _options.MaxBytes)
        {
            _manifests.Clear();
            Interlocked.Exchange(ref _bytes, manifest.Content.Length);
        }

        if (!_manifests.TryAdd(manifest.Digest, manifest))
        {
            Interlocked.Add(ref _bytes, -manifest.Content.Length);
        }
    }

    public bool TryResolve(RepositoryName name, string reference, out Digest digest)
    {
        if (_resolutions.TryGetValue((name.Value, reference), out var resolution) && resolution.ValidUntil > _time.GetTimestamp())
        {
            digest = resolution.Digest;
            return true;
        }

        digest = default;
        return false;
    }

    public void AddResolution(RepositoryName name, string reference, Digest digest, long generationBeforeRead)
    {
        if (!Enabled || _revalidationTicks <= 0 || Generation != generationBeforeRead)
        {
            return;
        }

        if (_resolutions.Count >= _options.MaxResolutions)
        {
            _resolutions.Clear();
        }

        _resolutions[(name.Value, reference)] = new Resolution(digest, _time.GetTimestamp() + _revalidationTicks);
    }

    /// <summary>After a write that moves or removes anything in the repository: its resolutions are read again.</summary>
    public void Forget(RepositoryName name)
    {
        Interlocked.Increment(ref _generation);
        foreach (var key in _resolutions.Keys)
        {
            if (key.Repository == name.Value)
            {
                _resolutions.TryRemove(key, out _);
            }
        }
    }

    private readonly record struct Resolution(Digest Digest, long ValidUntil);
}
