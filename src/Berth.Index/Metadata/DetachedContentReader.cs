using Berth.Registry.Content;
using Berth.Registry.Manifests;

namespace Berth.Index.Metadata;

/// <summary>An index running apart from the registry: no registry content to read; metadata comes from events only.</summary>
internal sealed class DetachedContentReader : IRegistryContentReader
{
    public bool IsAvailable => false;

    public string? RegistryName => null;

    public Task<IReadOnlyList<string>> ListRepositoriesAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>>([]);

    public Task<IReadOnlyList<string>> ListTagsAsync(string repository, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>>([]);

    public Task<StoredManifest?> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken) => Task.FromResult<StoredManifest?>(null);

    public Task<ImageConfigDetails?> ReadConfigAsync(string repository, Digest digest, CancellationToken cancellationToken) => Task.FromResult<ImageConfigDetails?>(null);

    public Task<IReadOnlyList<Descriptor>> ListReferrersAsync(string repository, Digest subject, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<Descriptor>>([]);

    public Task<bool> DeleteTagAsync(string repository, string tag, CancellationToken cancellationToken) =>
        throw new IndexException("The registry runs in another process: delete the tag through the registry API (DELETE /v2/<name>/manifests/<tag>).");
}
