using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Berth.Registry.Layout;

namespace Berth.Registry.GarbageCollection;

/// <summary>
/// Uploads are sessions in storage that a client may abandon at any point; one started longer ago than
/// <see cref="GarbageCollectionOptions.UploadMaxAge"/> is expired. A folder without a readable startedat is left alone:
/// it is as likely an upload being started this instant (its folder appears before startedat is in place) as the
/// remains of a crashed cancel, and nothing tells their ages apart on every driver.
/// </summary>
internal sealed class GcUploadPurger(GcStorage storage)
{
    public async Task<List<CollectedUpload>> FindStaleAsync(GcMark mark, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var stale = new ConcurrentBag<CollectedUpload>();
        await Task.WhenAll(mark.Repositories.SelectMany(r => r.Uploads.Select(async id =>
        {
            var content = await storage.TryGetContentAsync(RegistryLayout.UploadStartedAt(r.Name, id), cancellationToken);
            DateTimeOffset? startedAt = content is not null
                && DateTimeOffset.TryParse(Encoding.UTF8.GetString(content), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                ? parsed
                : null;
            if (startedAt < cutoff)
            {
                stale.Add(new CollectedUpload(r.Name.Value, id, startedAt));
            }
        })));
        return [.. stale];
    }

    public async Task PurgeAsync(IEnumerable<CollectedUpload> uploads, CancellationToken cancellationToken) =>
        await Task.WhenAll(uploads.Select(u =>
            storage.TryDeleteAsync(RegistryLayout.Upload(Names.RepositoryName.Parse(u.Repository), u.UploadId), cancellationToken)));
}
