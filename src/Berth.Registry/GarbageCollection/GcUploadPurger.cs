using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Berth.Registry.Layout;

namespace Berth.Registry.GarbageCollection;

/// <summary>
/// Uploads are sessions in storage that a client may abandon at any point; one started longer ago than
/// <see cref="GarbageCollectionOptions.UploadMaxAge"/> is expired, and so is one without a startedat (an upload writes
/// it first, so such a folder is the remains of a cancel or completion that crashed half-way).
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
            if (startedAt is null || startedAt < cutoff)
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
