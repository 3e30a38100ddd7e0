using System.Net;
using System.Text.Json;
using Berth.Client;
using Berth.Index.Metadata;
using Berth.Registry.Content;
using Berth.Registry.Manifests;

namespace Berth.Index.Sites;

/// <summary>
/// A registered registry running apart, read through its own /v2 API with tokens the index signs for it
/// (<see cref="RegistryContentReaders"/>). A repository or manifest the registry does not have reads as absent; a registry
/// that does not answer throws, so an event batch that needs it is answered 503 and sent again later.
/// </summary>
internal sealed class SiteContentReader(string name, RegistryClient client) : IRegistryContentReader, IDisposable
{
    public bool IsAvailable => true;

    public string? RegistryName => name;

    public Task<IReadOnlyList<string>> ListRepositoriesAsync(CancellationToken cancellationToken) => client.ListRepositoriesAsync(cancellationToken);

    public async Task<IReadOnlyList<string>> ListTagsAsync(string repository, CancellationToken cancellationToken)
    {
        try
        {
            return await client.ListTagsAsync(repository, cancellationToken);
        }
        catch (RegistryClientException e) when (IsAbsent(e))
        {
            return [];
        }
    }

    public async Task<StoredManifest?> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken)
    {
        ManifestResponse response;
        try
        {
            response = await client.GetManifestAsync(repository, reference, cancellationToken);
        }
        catch (RegistryClientException e) when (IsAbsent(e))
        {
            return null;
        }

        // The digest is the content's, whatever a header says: bytes that do not match the digest asked for are not believed.
        var asked = Digest.TryParse(reference, out var d) ? d : (Digest?)null;
        var digest = Digest.Compute(asked?.Algorithm ?? DigestAlgorithm.Sha256, response.Content);
        if (asked is not null && asked != digest)
        {
            return null;
        }

        return new StoredManifest(digest, response.MediaType, response.Content);
    }

    public async Task<ImageConfigDetails?> ReadConfigAsync(string repository, Digest digest, CancellationToken cancellationToken)
    {
        BlobDownload download;
        try
        {
            download = await client.GetBlobAsync(repository, digest.ToString(), cancellationToken);
        }
        catch (RegistryClientException e) when (IsAbsent(e))
        {
            return null;
        }

        await using (download)
        {
            return download.Length > ImageConfigDetails.MaxConfigBytes ? null : await ImageConfigDetails.ReadAsync(digest, download.Content, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<Descriptor>> ListReferrersAsync(string repository, Digest subject, CancellationToken cancellationToken)
    {
        byte[]? index;
        try
        {
            index = await client.GetReferrersAsync(repository, subject.ToString(), cancellationToken);
        }
        catch (RegistryClientException e) when (IsAbsent(e))
        {
            return [];
        }

        if (index is null)
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(index);
            if (!document.RootElement.TryGetProperty("manifests", out var manifests) || manifests.ValueKind != JsonValueKind.Array)
            {
                return [];
            }

            return [.. manifests.EnumerateArray().Select(m => DescriptorJson.TryParse(JsonSerializer.SerializeToUtf8Bytes(m))).OfType<Descriptor>()];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    public async Task<bool> DeleteTagAsync(string repository, string tag, CancellationToken cancellationToken)
    {
        try
        {
            return await client.DeleteManifestAsync(repository, tag, cancellationToken);
        }
        catch (RegistryClientException e) when (IsAbsent(e))
        {
            return false;
        }
    }

    /// <summary>GET /v2/: throws when the registry does not answer.</summary>
    public Task PingAsync(CancellationToken cancellationToken) => client.PingAsync(cancellationToken);

    public void Dispose() => client.Dispose();

    private static bool IsAbsent(RegistryClientException e) => e.StatusCode == HttpStatusCode.NotFound;
}
