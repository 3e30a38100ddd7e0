using Berth.Registry.Content;
using Berth.Registry.Manifests;

namespace Berth.Index.Metadata;

/// <summary>
/// What the index reads from the registry to fill in metadata (manifests, configs, tags, the catalog, referrers) and
/// the one change it makes there (deleting a tag from repository settings). In one process (role all) it is the
/// registry's own stores; for a registered registry running apart, its /v2 API (docs/deployment.md).
/// </summary>
public interface IRegistryContentReader
{
    /// <summary>False when the registry is not reachable from this process.</summary>
    bool IsAvailable { get; }

    /// <summary>The registered registry (site) read through the network; null for the registry in this process.</summary>
    string? RegistryName { get; }

    Task<IReadOnlyList<string>> ListRepositoriesAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> ListTagsAsync(string repository, CancellationToken cancellationToken);

    /// <summary>The manifest by tag or digest, or null when unknown.</summary>
    Task<StoredManifest?> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken);

    /// <summary>
    /// What an image config says (<see cref="ImageConfigDetails.ReadAsync"/>); null when the config is unknown or larger
    /// than <see cref="ImageConfigDetails.MaxConfigBytes"/>.
    /// </summary>
    Task<ImageConfigDetails?> ReadConfigAsync(string repository, Digest digest, CancellationToken cancellationToken);

    Task<IReadOnlyList<Descriptor>> ListReferrersAsync(string repository, Digest subject, CancellationToken cancellationToken);

    /// <summary>Removes a tag (not its manifest); false when it did not exist.</summary>
    Task<bool> DeleteTagAsync(string repository, string tag, CancellationToken cancellationToken);
}
