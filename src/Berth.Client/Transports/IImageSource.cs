using Berth.Client.Content;

namespace Berth.Client.Transports;

/// <summary>Where a copy reads an image from: its manifests, blobs and (OCI 1.1) referrers.</summary>
public interface IImageSource : IAsyncDisposable
{
    /// <summary>The manifest or index the location names (its tag, digest or only image).</summary>
    Task<ManifestResponse> GetRootManifestAsync(CancellationToken cancellationToken);

    /// <summary>A manifest by digest (a platform's manifest of an index, a referrer).</summary>
    Task<ManifestResponse> GetManifestAsync(string digest, CancellationToken cancellationToken);

    /// <summary>The blob's bytes as stored (not yet verified: the copier checks the digest as they pass).</summary>
    Task<Stream> OpenBlobAsync(OciDescriptor blob, CancellationToken cancellationToken);

    /// <summary>Manifests whose subject is <paramref name="digest"/> (signatures, SBOMs).</summary>
    Task<IReadOnlyList<OciDescriptor>> GetReferrersAsync(string digest, CancellationToken cancellationToken);

    /// <summary>The registry repository blobs can be mounted from, when the source is a registry.</summary>
    RegistryLocation? Registry => null;
}
