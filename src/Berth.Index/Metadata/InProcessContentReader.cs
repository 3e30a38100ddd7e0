using Berth.Registry;
using Berth.Registry.Blobs;
using Berth.Registry.Catalog;
using Berth.Registry.Content;
using Berth.Registry.Manifests;
using Berth.Registry.Names;
using Berth.Registry.Referrers;
using Berth.Registry.Tags;
using Berth.Storage;

namespace Berth.Index.Metadata;

/// <summary>The registry's own stores, when the index runs in the same process (role all).</summary>
internal sealed class InProcessContentReader(
    RepositoryCatalog catalog,
    TagStore tags,
    ManifestStore manifests,
    BlobStore blobs,
    ReferrerStore referrers) : IRegistryContentReader
{
    public bool IsAvailable => true;

    public string? RegistryName => null;

    public Task<IReadOnlyList<string>> ListRepositoriesAsync(CancellationToken cancellationToken) => catalog.ListAsync(cancellationToken);

    public async Task<IReadOnlyList<string>> ListTagsAsync(string repository, CancellationToken cancellationToken)
    {
        if (!RepositoryName.TryParse(repository, out var name))
        {
            return [];
        }

        try
        {
            return await tags.ListAsync(name, cancellationToken);
        }
        catch (RegistryException)
        {
            return [];
        }
    }

    public async Task<StoredManifest?> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken)
    {
        if (!RepositoryName.TryParse(repository, out var name) || ParseReference(reference) is not { } parsed)
        {
            return null;
        }

        try
        {
            return await manifests.GetAsync(name, parsed, cancellationToken);
        }
        catch (RegistryException)
        {
            return null;
        }
    }

    public async Task<ImageConfigDetails?> ReadConfigAsync(string repository, Digest digest, CancellationToken cancellationToken)
    {
        if (!RepositoryName.TryParse(repository, out var name))
        {
            return null;
        }

        try
        {
            // Opened the way a pull opens it: the read gives the size, so the content is not stat'ed beside it, and the
            // link's check goes out with the read (one request when this node has seen the link).
            var (blob, opened) = await blobs.OpenAsync(name, digest, cancellationToken);
            await using var read = opened ?? await blobs.OpenReadAsync(blob, 0, cancellationToken);
            return blob.Size > ImageConfigDetails.MaxConfigBytes ? null : await ImageConfigDetails.ReadAsync(digest, read.Content, cancellationToken);
        }
        catch (Exception e) when (e is RegistryException or StorageNotFoundException)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<Descriptor>> ListReferrersAsync(string repository, Digest subject, CancellationToken cancellationToken)
    {
        if (!RepositoryName.TryParse(repository, out var name))
        {
            return [];
        }

        try
        {
            return await referrers.ListAsync(name, subject, null, cancellationToken);
        }
        catch (RegistryException)
        {
            return [];
        }
    }

    public async Task<bool> DeleteTagAsync(string repository, string tag, CancellationToken cancellationToken)
    {
        if (!RepositoryName.TryParse(repository, out var name) || ParseReference(tag) is not { Tag: not null } reference)
        {
            return false;
        }

        try
        {
            await manifests.DeleteAsync(name, reference, cancellationToken);
            return true;
        }
        catch (RegistryException e) when (e.Code == RegistryErrorCode.ManifestUnknown)
        {
            return false;
        }
    }

    private static Reference? ParseReference(string value)
    {
        try
        {
            return Reference.Parse(value);
        }
        catch (RegistryException)
        {
            return null;
        }
    }
}
