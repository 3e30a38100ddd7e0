using System.Net;
using System.Runtime.CompilerServices;
using Berth.Storage.Glance.Client;
using Berth.Storage.Glance.Configuration;
using Berth.Storage.Glance.Writing;
using Berth.Storage.Swift.Auth;
using Berth.Storage.Swift.Client;
using Microsoft.Extensions.Logging;

namespace Berth.Storage.Glance;

/// <summary>
/// Keeps every object as a Glance image (bare/raw) whose path, kind and ancestor directories are image properties
/// (<see cref="GlanceProperties"/>): directories are filtered listings, moves are property changes, reads are ranged
/// GETs of the image data. Chunked writes go through <see cref="GlanceStorageWriter"/>, as Glance takes each image's
/// data in one PUT.
/// </summary>
internal sealed class GlanceStorageDriver : IStorageDriver, IDisposable
{
    public const string DriverName = "glance";
    private const int ReadAttempts = 3;
    private readonly GlanceStore _store;

    /// <param name="http">The factory of the clients registered by <see cref="SwiftHttpClients.AddSwiftHttpClients"/> under <see cref="DriverName"/>.</param>
    public GlanceStorageDriver(GlanceStorageOptions options, IHttpClientFactory http, TimeProvider time, ILogger<GlanceStorageDriver> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ISwiftAuthenticator authenticator = options.AuthUrl is null
            ? new NoAuthenticator(options.Endpoint ?? throw new ArgumentException("Storage:Glance:Endpoint is required without Storage:Glance:AuthUrl.", nameof(options)))
            : new KeystoneV3Authenticator(new KeystoneSettings(
                options.AuthUrl, options.Username!, options.Password!, options.UserDomainName, options.ProjectName, options.ProjectId,
                options.ProjectDomainName, options.Region, options.Interface, "image", options.Endpoint));
        var client = new SwiftClient(http, DriverName, authenticator, time, logger);
        _store = new GlanceStore(new GlanceImages(client, options.Namespace, options.ListPageSize), time, logger);
        Log.Configured(logger, options.Namespace, options.Endpoint?.AbsoluteUri ?? "Keystone's image endpoint");
    }

    public string Name => DriverName;

    internal GlanceStore Store => _store;

    public async Task<byte[]> GetContentAsync(string path, CancellationToken cancellationToken)
    {
        await using var read = await OpenReadAsync(path, 0, cancellationToken);
        using var content = new MemoryStream();
        await read.Content.CopyToAsync(content, cancellationToken);
        return content.ToArray();
    }

    public Task PutContentAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        _store.PutAsync(StoragePath.Validate(path), content, cancellationToken);

    /// <summary>Finds the current version and GETs its data; looks again when a newer version replaced it in between.</summary>
    public async Task<StorageRead> OpenReadAsync(string path, long offset, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        for (var attempt = 1; ; attempt++)
        {
            var image = await _store.FindObjectAsync(StoragePath.Validate(path), cancellationToken) ?? throw new StorageNotFoundException(path);
            if (offset >= image.Size)
            {
                return new StorageRead(Stream.Null, image.Size);
            }

            var response = await _store.Images.OpenFileAsync(image.Id, offset, cancellationToken);
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK or HttpStatusCode.PartialContent:
                    return new StorageRead(new OwnedReadStream(await response.Content.ReadAsStreamAsync(cancellationToken), response), image.Size);
                case HttpStatusCode.NoContent or HttpStatusCode.RequestedRangeNotSatisfiable:
                    response.Dispose();
                    return new StorageRead(Stream.Null, image.Size);
                case HttpStatusCode.NotFound when attempt < ReadAttempts:
                    response.Dispose();
                    continue;
                default:
                    using (response)
                    {
                        throw await GlanceImages.FailureAsync(response, $"read of {path}", cancellationToken);
                    }
            }
        }
    }

    public async Task<IStorageWriter> CreateWriterAsync(string path, bool append, CancellationToken cancellationToken) =>
        await GlanceStorageWriter.OpenAsync(_store, StoragePath.Validate(path), append, cancellationToken);

    /// <summary>The bytes of the closed writers' segments at the path.</summary>
    public async Task<long> GetAppendableSizeAsync(string path, CancellationToken cancellationToken)
    {
        var segments = await _store.SegmentsAsync(StoragePath.Validate(path), cancellationToken);
        return segments.Count == 0 ? throw new StorageNotFoundException(path) : segments.Sum(s => s.Size);
    }

    public async Task<StorageObjectInfo> StatAsync(string path, CancellationToken cancellationToken)
    {
        if (StoragePath.Validate(path) == "/")
        {
            return new StorageObjectInfo(path, 0, _store.Time.GetUtcNow(), IsDirectory: true);
        }

        try
        {
            return await StatObjectAsync(path, cancellationToken);
        }
        catch (StorageNotFoundException)
        {
        }

        await foreach (var child in _store.Images.ListAsync([.. GlanceProperties.Under(path), (GlanceProperties.Kind, GlanceProperties.ObjectKind)], cancellationToken))
        {
            return new StorageObjectInfo(path, 0, child.UpdatedAt, IsDirectory: true);
        }

        throw new StorageNotFoundException(path);
    }

    public async Task<StorageObjectInfo> StatObjectAsync(string path, CancellationToken cancellationToken) =>
        StoragePath.Validate(path) != "/" && await _store.FindObjectAsync(path, cancellationToken) is { } image
            ? new StorageObjectInfo(path, image.Size, image.UpdatedAt, IsDirectory: false)
            : throw new StorageNotFoundException(path);

    /// <summary>Lists the objects under the directory (the whole subtree: Glance filters on exact values) and names each direct child once.</summary>
    public async IAsyncEnumerable<string> ListAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var prefix = StoragePath.Validate(path) == "/" ? "/" : path + "/";
        var children = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var image in _store.Images.ListAsync([.. GlanceProperties.Under(path), (GlanceProperties.Kind, GlanceProperties.ObjectKind), ("status", "active")], cancellationToken))
        {
            if (image.Path is { } objectPath && objectPath.StartsWith(prefix, StringComparison.Ordinal))
            {
                var end = objectPath.IndexOf('/', prefix.Length);
                var child = end < 0 ? objectPath : objectPath[..end];
                if (children.Add(child))
                {
                    yield return child;
                }
            }
        }

        if (children.Count == 0 && path != "/")
        {
            throw new StorageNotFoundException(path);
        }
    }

    /// <summary>A property change of the current version (no data is copied); other versions at either path are deleted.</summary>
    public async Task MoveAsync(string sourcePath, string destinationPath, CancellationToken cancellationToken)
    {
        var image = await _store.FindObjectAsync(StoragePath.Validate(sourcePath), cancellationToken) ?? throw new StorageNotFoundException(sourcePath);
        if (sourcePath == StoragePath.Validate(destinationPath))
        {
            return;
        }

        var destination = GlanceProperties.At(destinationPath, GlanceProperties.ObjectKind);
        var changes = destination.Select(p => (p.Key, (string?)p.Value)).ToList();
        changes.Add((GlanceProperties.Stamp, GlanceProperties.NewStamp(_store.Time)));
        changes.Add(("name", GlanceProperties.DisplayName(destinationPath)));
        for (var depth = GlanceProperties.Depth(destinationPath) + 1; depth <= GlanceProperties.Depth(sourcePath); depth++)
        {
            changes.Add((GlanceProperties.Ancestor(depth), null));
        }

        await _store.Images.PatchAsync(image.Id, changes, cancellationToken);
        await _store.SettleAsync(destinationPath, null, cancellationToken);
        await _store.DeleteAllAsync(await ListAllAsync(GlanceStore.ObjectFilter(sourcePath), cancellationToken), cancellationToken);
    }

    /// <summary>Deletes every image at and under the path: objects, their older versions, closed and running writers' images.</summary>
    public async Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        var doomed = StoragePath.Validate(path) == "/" ? [] : await ListAllAsync([(GlanceProperties.Path, path)], cancellationToken);
        doomed.AddRange(await ListAllAsync(GlanceProperties.Under(path), cancellationToken));
        await _store.DeleteAllAsync(doomed, cancellationToken);
        if (doomed.Count == 0 && path != "/")
        {
            throw new StorageNotFoundException(path);
        }
    }

    /// <summary>
    /// A writer whose process died leaves the image it was streaming into (queued again once Glance sees the PUT
    /// break off), and a closed writer never committed leaves its segments; both are compared by their creation.
    /// </summary>
    public async Task<int> PurgeAbandonedWritesAsync(string path, DateTimeOffset startedBefore, CancellationToken cancellationToken)
    {
        var doomed = new List<GlanceImage>();
        foreach (var kind in new[] { GlanceProperties.WritingKind, GlanceProperties.SegmentKind })
        {
            foreach (var image in await ListAllAsync([.. GlanceProperties.Under(StoragePath.Validate(path)), (GlanceProperties.Kind, kind)], cancellationToken))
            {
                if (image.CreatedAt < startedBefore)
                {
                    Log.PurgingImage(_store.Logger, image.Kind, image.Id, image.Path);
                    doomed.Add(image);
                }
            }
        }

        return await _store.DeleteAllAsync(doomed, cancellationToken);
    }

    /// <summary>Glance has no presigned URLs: image data is only served to a token holder, so blobs stream through the registry.</summary>
    public Task<Uri?> GetRedirectUrlAsync(string path, CancellationToken cancellationToken)
    {
        StoragePath.Validate(path);
        return Task.FromResult<Uri?>(null);
    }

    public void Dispose() => _store.Images.Dispose();

    private async Task<List<GlanceImage>> ListAllAsync(IEnumerable<(string Key, string Value)> filters, CancellationToken cancellationToken)
    {
        var images = new List<GlanceImage>();
        await foreach (var image in _store.Images.ListAsync(filters, cancellationToken))
        {
            images.Add(image);
        }

        return images;
    }
}
