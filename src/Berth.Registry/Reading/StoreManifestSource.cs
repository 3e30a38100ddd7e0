using Berth.Registry.Manifests;
using Berth.Registry.Names;

namespace Berth.Registry.Reading;

/// <summary>The plain registry: manifests come from the local store only.</summary>
internal sealed class StoreManifestSource(ManifestStore manifests) : IManifestSource
{
    public async Task<ManifestRead> GetAsync(RepositoryName name, Reference reference, CancellationToken cancellationToken) =>
        new(await manifests.GetAsync(name, reference, cancellationToken));
}
