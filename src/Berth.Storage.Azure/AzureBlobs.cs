using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Berth.Storage.Azure;

/// <summary>Small helpers over the SDK shared by the driver and its writer.</summary>
internal static class AzureBlobs
{
    public const int Parallelism = 8;

    public static bool IsNotFound(RequestFailedException e) => e.Status == 404;

    /// <summary>
    /// Server-side copy within the account (the shared key authorises the source), awaited to completion. Polled by
    /// hand rather than with the SDK's operation: when a later copy or write to the same destination supersedes this
    /// one, the destination's copy id changes, and that later write is the one that wins.
    /// </summary>
    public static async Task CopyAsync(BlobBaseClient source, BlobBaseClient destination, TimeProvider time, CancellationToken cancellationToken)
    {
        var operation = await destination.StartCopyFromUriAsync(source.Uri, options: null, cancellationToken);
        for (var delay = TimeSpan.FromMilliseconds(50); ; delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.TicksPerSecond * 2)))
        {
            BlobProperties properties;
            try
            {
                properties = (await destination.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            }
            catch (RequestFailedException e) when (IsNotFound(e))
            {
                return;
            }

            if (properties.CopyId != operation.Id || properties.CopyStatus == CopyStatus.Success)
            {
                return;
            }

            if (properties.CopyStatus != CopyStatus.Pending)
            {
                throw new IOException($"Copy of {source.Name} to {destination.Name} ended {properties.CopyStatus}: {properties.CopyStatusDescription}");
            }

            await Task.Delay(delay, time, cancellationToken);
        }
    }

    /// <summary>Deletes every blob whose name starts with <paramref name="prefix"/>; the number deleted.</summary>
    public static async Task<int> DeleteByPrefixAsync(BlobContainerClient container, string prefix, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        var count = 0;
        await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken))
        {
            names.Add(item.Name);
            if (names.Count == 1000)
            {
                count += await DeleteAllAsync(container, names, cancellationToken);
            }
        }

        return count + await DeleteAllAsync(container, names, cancellationToken);
    }

    /// <summary>Reads a small blob as text, or null when it does not exist.</summary>
    public static async Task<string?> ReadTextAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            return (await blob.DownloadContentAsync(cancellationToken)).Value.Content.ToString();
        }
        catch (RequestFailedException e) when (IsNotFound(e))
        {
            return null;
        }
    }

    private static async Task<int> DeleteAllAsync(BlobContainerClient container, List<string> names, CancellationToken cancellationToken)
    {
        var count = names.Count;
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (name, ct) =>
            await container.GetBlobClient(name).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: ct));
        names.Clear();
        return count;
    }
}
