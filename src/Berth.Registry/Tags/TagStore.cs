using Berth.Registry.Content;
using Berth.Registry.Layout;
using Berth.Registry.Names;
using Berth.Registry.Storage;
using Berth.Storage;

namespace Berth.Registry.Tags;

/// <summary>Tags: a current link to the manifest digest, plus an index of every digest the tag has pointed at.</summary>
public sealed class TagStore(IStorageDriver driver)
{
    public Task<Digest?> ResolveAsync(RepositoryName name, Tag tag, CancellationToken cancellationToken) =>
        driver.TryReadLinkAsync(RegistryLayout.TagCurrentLink(name, tag), cancellationToken);

    /// <summary>When the tag was last pushed (its current link's modification time, as the backend reports it); null when it does not exist.</summary>
    public async Task<DateTimeOffset?> PushedAtAsync(RepositoryName name, Tag tag, CancellationToken cancellationToken) =>
        (await driver.TryStatObjectAsync(RegistryLayout.TagCurrentLink(name, tag), cancellationToken))?.ModifiedAt;

    public async Task SetAsync(RepositoryName name, Tag tag, Digest digest, CancellationToken cancellationToken)
    {
        await driver.WriteLinkAsync(RegistryLayout.TagIndexLink(name, tag, digest), digest, cancellationToken);
        await driver.WriteLinkAsync(RegistryLayout.TagCurrentLink(name, tag), digest, cancellationToken);
    }

    /// <summary>Deletes the tag and its history; false when the tag did not exist.</summary>
    public Task<bool> DeleteAsync(RepositoryName name, Tag tag, CancellationToken cancellationToken) =>
        driver.TryDeleteAsync(RegistryLayout.Tag(name, tag), cancellationToken);

    /// <summary>Every tag of the repository in ordinal ("ASCIIbetical") order; NAME_UNKNOWN when the repository does not exist.</summary>
    public async Task<IReadOnlyList<string>> ListAsync(RepositoryName name, CancellationToken cancellationToken)
    {
        if (!await driver.ExistsAsync(RegistryLayout.Manifests(name), cancellationToken))
        {
            throw new RegistryException(RegistryErrorCode.NameUnknown, $"Repository '{name}' is unknown.", new { name = name.Value });
        }

        var tags = new List<string>();
        await foreach (var entry in driver.ListNamesAsync(RegistryLayout.TagsRoot(name), cancellationToken))
        {
            if (Tag.TryParse(entry, out _))
            {
                tags.Add(entry);
            }
        }

        tags.Sort(StringComparer.Ordinal);
        return tags;
    }

    /// <summary>The tags whose current link is <paramref name="digest"/>.</summary>
    public async Task<IReadOnlyList<string>> ListPointingAtAsync(RepositoryName name, Digest digest, CancellationToken cancellationToken)
    {
        var pointing = new List<string>();
        await foreach (var entry in driver.ListNamesAsync(RegistryLayout.TagsRoot(name), cancellationToken))
        {
            if (Tag.TryParse(entry, out var tag) && await ResolveAsync(name, tag, cancellationToken) == digest)
            {
                pointing.Add(entry);
            }
        }

        return pointing;
    }

    /// <summary>Deletes the tags whose current link is <paramref name="digest"/>; returns them.</summary>
    public async Task<IReadOnlyList<string>> DeletePointingAtAsync(RepositoryName name, Digest digest, CancellationToken cancellationToken)
    {
        var pointing = await ListPointingAtAsync(name, digest, cancellationToken);
        foreach (var tag in pointing)
        {
            await DeleteAsync(name, Tag.Parse(tag), cancellationToken);
        }

        return pointing;
    }
}
