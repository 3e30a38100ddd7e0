using Berth.Registry.Content;
using Berth.Registry.Layout;
using Berth.Registry.Names;
using Berth.Registry.Storage;
using Berth.Storage;

namespace Berth.Registry.Referrers;

/// <summary>
/// The referrers of each subject, kept as links under _referrers/&lt;subject&gt;/ whose content is the referrer's
/// descriptor, maintained when manifests with a subject are pushed or deleted.
/// </summary>
public sealed class ReferrerStore(IStorageDriver driver)
{
    public Task AddAsync(RepositoryName name, Digest subject, Descriptor referrer, CancellationToken cancellationToken) =>
        driver.PutContentAsync(RegistryLayout.ReferrerLink(name, subject, referrer.Digest), DescriptorJson.Serialize(referrer), cancellationToken);

    public Task RemoveAsync(RepositoryName name, Digest subject, Digest referrer, CancellationToken cancellationToken) =>
        driver.TryDeleteAsync(RegistryLayout.ReferrerDirectory(name, subject, referrer), cancellationToken);

    /// <summary>The referrers of <paramref name="subject"/>, optionally only those of one artifactType, in digest order.</summary>
    public async Task<IReadOnlyList<Descriptor>> ListAsync(RepositoryName name, Digest subject, string? artifactType, CancellationToken cancellationToken)
    {
        var root = RegistryLayout.ReferrersOf(name, subject);
        var result = new List<Descriptor>();
        await foreach (var algorithm in driver.ListNamesAsync(root, cancellationToken))
        {
            await foreach (var hex in driver.ListNamesAsync($"{root}/{algorithm}", cancellationToken))
            {
                if (!Digest.TryParse($"{algorithm}:{hex}", out var referrer))
                {
                    continue;
                }

                var content = await driver.TryGetContentAsync(RegistryLayout.ReferrerLink(name, subject, referrer), cancellationToken);
                if (content is not null
                    && DescriptorJson.TryParse(content) is { } descriptor
                    && (artifactType is null || descriptor.ArtifactType == artifactType))
                {
                    result.Add(descriptor);
                }
            }
        }

        result.Sort((a, b) => string.CompareOrdinal(a.Digest.ToString(), b.Digest.ToString()));
        return result;
    }
}
