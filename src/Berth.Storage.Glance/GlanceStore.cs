using System.Security.Cryptography;
using Berth.Storage.Glance.Client;
using Berth.Storage.Glance.Writing;
using Microsoft.Extensions.Logging;

namespace Berth.Storage.Glance;

/// <summary>
/// Objects as versions of images. An object is current when it is the active image of kind "object" at its path with
/// the greatest stamp; every write creates a new image and, once its data is stored, deletes the older versions, so
/// readers see the old or the new content and never a mix. What Glance stored is checked against what was sent.
/// </summary>
internal sealed class GlanceStore(GlanceImages images, TimeProvider time, ILogger logger)
{
    public GlanceImages Images => images;

    public TimeProvider Time => time;

    public ILogger Logger => logger;

    /// <summary>The current version of the object at <paramref name="path"/>, or null.</summary>
    public async Task<GlanceImage?> FindObjectAsync(string path, CancellationToken cancellationToken)
    {
        GlanceImage? current = null;
        await foreach (var image in images.ListAsync(ObjectFilter(path), cancellationToken))
        {
            if (current is null || string.CompareOrdinal(image.Stamp, current.Stamp) > 0)
            {
                current = image;
            }
        }

        return current;
    }

    /// <summary>The closed writers' segments of an upload to <paramref name="path"/>, in order.</summary>
    public async Task<List<GlanceImage>> SegmentsAsync(string path, CancellationToken cancellationToken)
    {
        var segments = new List<GlanceImage>();
        await foreach (var image in images.ListAsync([(GlanceProperties.Path, path), (GlanceProperties.Kind, GlanceProperties.SegmentKind), ("status", "active")], cancellationToken))
        {
            segments.Add(image);
        }

        segments.Sort((a, b) => string.CompareOrdinal(a.Segment, b.Segment));
        return segments;
    }

    /// <summary>Stores <paramref name="content"/> as a new version of the object at <paramref name="path"/>.</summary>
    public async Task PutAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var image = await CreateObjectAsync(path, cancellationToken);
        await UploadOrDeleteAsync(image, new ReadOnlyMemoryContent(content), cancellationToken);
        await SettleAsync(path, (image.Id, content.Length, Convert.ToHexStringLower(SHA256.HashData(content.Span))), cancellationToken);
    }

    /// <summary>Makes an image that already holds the data the current object at <paramref name="path"/>: a property change, no copy.</summary>
    public async Task PromoteAsync(GlanceImage image, string path, (long Length, string Sha256)? sent, CancellationToken cancellationToken)
    {
        var changes = new List<(string, string?)>
        {
            (GlanceProperties.Kind, GlanceProperties.ObjectKind),
            (GlanceProperties.Stamp, GlanceProperties.NewStamp(time)),
        };
        if (image.Segment is not null)
        {
            changes.Add((GlanceProperties.Segment, null));
        }

        var promoted = await images.PatchAsync(image.Id, changes, cancellationToken);
        if (sent is { } check)
        {
            await VerifyOrDeleteAsync(promoted, path, check.Length, check.Sha256, cancellationToken);
        }

        await SettleAsync(path, null, cancellationToken);
    }

    /// <summary>Streams the data of <paramref name="parts"/> into a new version of the object at <paramref name="path"/>.</summary>
    public async Task ConcatenateAsync(IReadOnlyList<GlanceImage> parts, string path, CancellationToken cancellationToken)
    {
        var image = await CreateObjectAsync(path, cancellationToken);
        var content = new ConcatenatedImagesContent(images, parts);
        await UploadOrDeleteAsync(image, content, cancellationToken);
        Log.Concatenated(logger, path, parts.Count, content.Length);
        await SettleAsync(path, (image.Id, content.Length, content.Sha256!), cancellationToken);
    }

    /// <summary>
    /// Gives the object at <paramref name="path"/> one version: the newest active one stays, older ones go. Checks
    /// <paramref name="mine"/> (just written) against what was sent if it is still there.
    /// </summary>
    public async Task SettleAsync(string path, (string Id, long Length, string Sha256)? mine, CancellationToken cancellationToken)
    {
        var versions = new List<GlanceImage>();
        await foreach (var image in images.ListAsync(ObjectFilter(path), cancellationToken))
        {
            if (mine is { } check && image.Id == check.Id)
            {
                await VerifyOrDeleteAsync(image, path, check.Length, check.Sha256, cancellationToken);
            }

            versions.Add(image);
        }

        var newest = versions.MaxBy(v => v.Stamp, StringComparer.Ordinal);
        await DeleteAllAsync(versions.Where(v => v != newest), cancellationToken);
    }

    public async Task VerifyOrDeleteAsync(GlanceImage image, string path, long length, string sha256, CancellationToken cancellationToken)
    {
        try
        {
            image.Verify(path, length, sha256);
        }
        catch (IOException)
        {
            await images.DeleteAsync(image.Id, cancellationToken);
            throw;
        }
    }

    public async Task<int> DeleteAllAsync(IEnumerable<GlanceImage> doomed, CancellationToken cancellationToken)
    {
        var count = 0;
        await Parallel.ForEachAsync(doomed, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (image, ct) =>
        {
            await images.DeleteAsync(image.Id, ct);
            Interlocked.Increment(ref count);
        });
        return count;
    }

    public static (string, string)[] ObjectFilter(string path) =>
        [(GlanceProperties.Path, path), (GlanceProperties.Kind, GlanceProperties.ObjectKind), ("status", "active")];

    private Task<GlanceImage> CreateObjectAsync(string path, CancellationToken cancellationToken)
    {
        var properties = GlanceProperties.At(path, GlanceProperties.ObjectKind);
        properties[GlanceProperties.Stamp] = GlanceProperties.NewStamp(time);
        return images.CreateAsync(path, properties, cancellationToken);
    }

    private async Task UploadOrDeleteAsync(GlanceImage image, HttpContent content, CancellationToken cancellationToken)
    {
        try
        {
            await images.UploadAsync(image.Id, content, cancellationToken);
        }
        catch
        {
            await images.DeleteAsync(image.Id, CancellationToken.None);
            throw;
        }
    }
}
