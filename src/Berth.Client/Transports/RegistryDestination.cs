using Berth.Client.Content;
using Berth.Client.Copy;

namespace Berth.Client.Transports;

/// <summary>docker:// as a destination: HEAD to skip, cross-repository mount, chunked resumable uploads, manifest PUT.</summary>
internal sealed class RegistryDestination(RegistryLocation location, RegistryClient client, RegistryConnection connection, bool ownsClient = true) : IImageDestination
{
    public string? Tag => location.Digest is null ? location.Tag ?? "latest" : null;

    public async Task<bool> HasBlobAsync(OciDescriptor blob, CancellationToken cancellationToken) =>
        await connection.Retry.RunAsync(_ => client.BlobExistsAsync(location.Repository, blob.Digest, cancellationToken), null, cancellationToken);

    public async Task<bool> TryMountAsync(OciDescriptor blob, RegistryLocation from, CancellationToken cancellationToken)
    {
        if (!from.Host.Equals(location.Host, StringComparison.OrdinalIgnoreCase) || from.Repository == location.Repository)
        {
            return false;
        }

        try
        {
            return await client.MountBlobAsync(location.Repository, blob.Digest, from.Repository, cancellationToken);
        }
        catch (RegistryClientException)
        {
            // A registry refusing the mount (no pull right on the source for this token, say) still takes an upload.
            return false;
        }
    }

    public Task<BlobWritten> WriteBlobAsync(Stream content, string? expectedDigest, CancellationToken cancellationToken)
    {
        var upload = new RegistryUpload(client, location.Repository, connection.ChunkSize, connection.Retry);
        return upload.RunAsync(content, expectedDigest, cancellationToken);
    }

    public async Task PutManifestAsync(ManifestResponse manifest, string? tag, bool topLevel, CancellationToken cancellationToken)
    {
        var reference = tag ?? manifest.Digest ?? BlobDigest.Of(manifest.Content);
        await connection.Retry.RunAsync(
            _ => client.PutManifestAsync(location.Repository, reference, manifest.MediaType, manifest.Content, cancellationToken), null, cancellationToken);
    }

    public Task CommitAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync()
    {
        if (ownsClient)
        {
            client.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}
