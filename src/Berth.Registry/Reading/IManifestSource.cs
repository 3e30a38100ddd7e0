using Berth.Registry.Names;

namespace Berth.Registry.Reading;

/// <summary>Where pulls read manifests from: the local store, or (in mirror mode) a pull-through cache.</summary>
public interface IManifestSource
{
    Task<ManifestRead> GetAsync(RepositoryName name, Reference reference, CancellationToken cancellationToken);
}
