using Berth.Index.Metadata;
using Berth.Registry.Content;
using Berth.Registry.Manifests;

namespace Berth.Index.Tests.Infrastructure;

/// <summary>A registry reader that counts every read it passes on, to show what applying events read from the registry.</summary>
internal sealed class CountingContentReader(IRegistryContentReader inner) : IRegistryContentReader
{
    private int _manifests;
    private int _configs;
    private int _others;

    public int ManifestReads => _manifests;

    public int ConfigReads => _configs;

    /// <summary>Every read: manifests, configs, tags, the catalog and referrers.</summary>
    public int Reads => _manifests + _configs + _others;

    public bool IsAvailable => inner.IsAvailable;

    public string? RegistryName => inner.RegistryName;

    public Task<IReadOnlyList<string>> ListRepositoriesAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _others);
        return inner.ListRepositoriesAsync(cancellationToken);
    }

    public Task<IReadOnlyList<string>> ListTagsAsync(string repository, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _others);
        return inner.ListTagsAsync(repository, cancellationToken);
    }

    public Task<StoredManifest?> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _manifests);
        return inner.GetManifestAsync(repository, reference, cancellationToken);
    }

    public Task<ImageConfigDetails?> ReadConfigAsync(string repository, Digest digest, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _configs);
        return inner.ReadConfigAsync(repository, digest, cancellationToken);
    }

    public Task<IReadOnlyList<Descriptor>> ListReferrersAsync(string repository, Digest subject, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _others);
        return inner.ListReferrersAsync(repository, subject, cancellationToken);
    }

    public Task<bool> DeleteTagAsync(string repository, string tag, CancellationToken cancellationToken) => inner.DeleteTagAsync(repository, tag, cancellationToken);
}
