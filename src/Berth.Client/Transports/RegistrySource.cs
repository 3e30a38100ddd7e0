using System.Text.Json.Nodes;
using Berth.Client.Content;
using Berth.Client.Copy;

namespace Berth.Client.Transports;

/// <summary>docker:// as a source: manifests and blobs over the distribution API, retried on transient failures.</summary>
internal sealed class RegistrySource(RegistryLocation location, RegistryClient client, RetryPolicy retry, bool ownsClient = true) : IImageSource
{
    public RegistryLocation? Registry => location;

    public Task<ManifestResponse> GetRootManifestAsync(CancellationToken cancellationToken) =>
        GetManifestAsync(location.Reference, cancellationToken);

    public Task<ManifestResponse> GetManifestAsync(string digest, CancellationToken cancellationToken) =>
        retry.RunAsync(_ => client.GetManifestAsync(location.Repository, digest, cancellationToken), null, cancellationToken);

    public async Task<Stream> OpenBlobAsync(OciDescriptor blob, CancellationToken cancellationToken)
    {
        var download = await retry.RunAsync(_ => client.GetBlobAsync(location.Repository, blob.Digest, cancellationToken), null, cancellationToken);
        return new OwningStream(download);
    }

    public async Task<IReadOnlyList<OciDescriptor>> GetReferrersAsync(string digest, CancellationToken cancellationToken)
    {
        var index = await retry.RunAsync(_ => client.GetReferrersAsync(location.Repository, digest, cancellationToken), null, cancellationToken);
        return index is null ? [] : ManifestDocument.Children(JsonNode.Parse(index)!);
    }

    public ValueTask DisposeAsync()
    {
        if (ownsClient)
        {
            client.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The download's stream, releasing the HTTP response with it.</summary>
    private sealed class OwningStream(BlobDownload download) : WrappingStream(download.Content)
    {
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                download.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
