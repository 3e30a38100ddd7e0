using System.Net;
using System.Runtime.CompilerServices;
using Berth.Storage.ObjectStores;
using Berth.Storage.Swift.Auth;
using Berth.Storage.Swift.Client;
using Berth.Storage.Swift.Configuration;
using Berth.Storage.Swift.Writing;
using Microsoft.Extensions.Logging;

namespace Berth.Storage.Swift;

/// <summary>
/// Keeps each path as an object in one Swift container ("{Prefix}{path}"). Content written through a writer is
/// streamed into segments in a second container and published as a Static Large Object manifest at the path, which
/// is also how an unfinished upload is resumed: the manifest lists the segments so far.
/// </summary>
internal sealed class SwiftStorageDriver : IStorageDriver, IDisposable
{
    public const string DriverName = "swift";
    private const int DeleteParallelism = 8;
    private static readonly IReadOnlySet<string> Nothing = new HashSet<string>();
    private readonly SwiftStorageOptions _options;
    private readonly TimeProvider _time;
    private readonly SwiftWriterSettings _writerSettings;
    private readonly ObjectKeyMap _keys;
    private readonly SemaphoreSlim _readyLock = new(1, 1);
    private bool _ready;

    /// <param name="http">The factory of the clients registered by <see cref="SwiftHttpClients.AddSwiftHttpClients"/> under <see cref="DriverName"/>.</param>
    public SwiftStorageDriver(SwiftStorageOptions options, IHttpClientFactory http, ISwiftAuthenticator authenticator, TimeProvider time, ILogger<SwiftStorageDriver> logger)
    {
        _options = options;
        _time = time;
        Store = new SwiftObjectStore(new SwiftClient(http, DriverName, authenticator, time, logger), options.ListPageSize, logger);
        Container = options.Container!;
        _keys = new ObjectKeyMap(options.Prefix);
        var segmentContainer = string.IsNullOrEmpty(options.SegmentContainer) ? Container + "_segments" : options.SegmentContainer;
        _writerSettings = new SwiftWriterSettings(Store, Container, segmentContainer, Prefix, options.SegmentSize, options.MaxManifestSegments);
    }

    public string Name => DriverName;

    internal SwiftObjectStore Store { get; }

    internal string Container { get; }

    internal string SegmentContainer => _writerSettings.SegmentContainer;

    internal string Prefix => _keys.Prefix;

    public async Task<byte[]> GetContentAsync(string path, CancellationToken cancellationToken)
    {
        var name = ObjectName(path);
        await EnsureReadyAsync(cancellationToken);
        using var response = await GetObjectAsync(name, null, HttpCompletionOption.ResponseContentRead, cancellationToken);
        return response.StatusCode == HttpStatusCode.NotFound ? throw new StorageNotFoundException(path)
            : response.IsSuccessStatusCode ? await response.Content.ReadAsByteArrayAsync(cancellationToken)
            : throw SwiftClient.Failure(response, name);
    }

    public async Task PutContentAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var name = ObjectName(path);
        await EnsureReadyAsync(cancellationToken);
        await Store.ReplaceAsync(Container, name, ct => Store.PutAsync(Container, name, content, ct), _ => Task.FromResult(Nothing), cancellationToken);
    }

    public async Task<StorageRead> OpenReadAsync(string path, long offset, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var name = ObjectName(path);
        await EnsureReadyAsync(cancellationToken);
        var response = await GetObjectAsync(
            name,
            r => { if (offset > 0) { r.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(offset, null); } },
            HttpCompletionOption.ResponseHeadersRead,
            cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            try
            {
                var headers = response.Content.Headers;
                var size = ObjectSize.FromHeaders(path, response.StatusCode == HttpStatusCode.PartialContent, headers.ContentLength, headers.ContentRange);
                return new StorageRead(new OwnedReadStream(await response.Content.ReadAsStreamAsync(cancellationToken), response), size);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                throw new StorageNotFoundException(path);
            }

            if (response.StatusCode != HttpStatusCode.RequestedRangeNotSatisfiable)
            {
                throw SwiftClient.Failure(response, name);
            }
        }

        // Swift answers 416 for a range that starts at or after the end: there is nothing to read from there.
        var head = await Store.HeadAsync(Container, name, cancellationToken) ?? throw new StorageNotFoundException(path);
        return new StorageRead(Stream.Null, head.Length);
    }

    public async Task<IStorageWriter> CreateWriterAsync(string path, bool append, CancellationToken cancellationToken)
    {
        StoragePath.Validate(path);
        await EnsureReadyAsync(cancellationToken);
        return await SwiftStorageWriter.OpenAsync(_writerSettings, path, append, cancellationToken);
    }

    public async Task<long> GetAppendableSizeAsync(string path, CancellationToken cancellationToken)
    {
        StoragePath.Validate(path);
        await EnsureReadyAsync(cancellationToken);
        return await SwiftStorageWriter.ReadAppendableSizeAsync(_writerSettings, path, cancellationToken);
    }

    public async Task<StorageObjectInfo> StatAsync(string path, CancellationToken cancellationToken)
    {
        if (path != "/")
        {
            try
            {
                return await StatObjectAsync(path, cancellationToken);
            }
            catch (StorageNotFoundException)
            {
            }
        }

        await EnsureReadyAsync(cancellationToken);
        await foreach (var entry in Store.ListAsync(Container, DirectoryPrefix(path), null, cancellationToken))
        {
            return new StorageObjectInfo(path, 0, ToOffset(entry.LastModified), IsDirectory: true);
        }

        return path == "/" ? new StorageObjectInfo(path, 0, DateTimeOffset.UnixEpoch, IsDirectory: true) : throw new StorageNotFoundException(path);
    }

    public async Task<StorageObjectInfo> StatObjectAsync(string path, CancellationToken cancellationToken)
    {
        var name = ObjectName(path);
        await EnsureReadyAsync(cancellationToken);
        return path != "/" && await Store.HeadAsync(Container, name, cancellationToken) is { } head
            ? new StorageObjectInfo(path, head.Length, head.LastModified, IsDirectory: false)
            : throw new StorageNotFoundException(path);
    }

    public async IAsyncEnumerable<string> ListAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var prefix = DirectoryPrefix(path);
        await EnsureReadyAsync(cancellationToken);
        var any = false;
        await foreach (var entry in Store.ListAsync(Container, prefix, '/', cancellationToken))
        {
            any = true;
            yield return _keys.Path(entry.Name ?? entry.Subdir!);
        }

        if (!any && path != "/")
        {
            throw new StorageNotFoundException(path);
        }
    }

    public async Task MoveAsync(string sourcePath, string destinationPath, CancellationToken cancellationToken)
    {
        var source = ObjectName(sourcePath);
        var destination = ObjectName(destinationPath);
        await EnsureReadyAsync(cancellationToken);
        var head = await Store.HeadAsync(Container, source, cancellationToken) ?? throw new StorageNotFoundException(sourcePath);
        if (source == destination)
        {
            return;
        }

        // A manifest is copied as a manifest sharing the source's segments; the source is then deleted without them.
        await Store.ReplaceAsync(
            Container,
            destination,
            ct => Store.CopyAsync(Container, source, destination, head.IsStaticLargeObject, ct),
            async ct => head.IsStaticLargeObject ? (await Store.GetLayoutAsync(Container, destination, ct)).AllObjects.ToHashSet() : Nothing,
            cancellationToken);
        await Store.DeleteAsync(Container, source, withSegments: false, cancellationToken);
        await SwiftCommitRecords.SweepAsync(_writerSettings, sourcePath[1..], head.Writer, includeWinner: true, cancellationToken);
    }

    public async Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        var name = ObjectName(path);
        await EnsureReadyAsync(cancellationToken);
        var found = false;
        if (path != "/" && await Store.HeadAsync(Container, name, cancellationToken) is { } head)
        {
            found = await Store.DeleteAsync(Container, name, head.IsStaticLargeObject, cancellationToken);
        }

        var page = new List<SwiftListingEntry>();
        await foreach (var entry in Store.ListAsync(Container, DirectoryPrefix(path), null, cancellationToken))
        {
            found = true;
            page.Add(entry);
            if (page.Count == 1000)
            {
                await DeleteEntriesAsync(page, cancellationToken);
            }
        }

        await DeleteEntriesAsync(page, cancellationToken);
        found |= await DeletePendingUploadsAsync(path, cancellationToken);
        if (!found && path != "/")
        {
            throw new StorageNotFoundException(path);
        }
    }

    public async Task<int> PurgeAbandonedWritesAsync(string path, DateTimeOffset startedBefore, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken);
        return await SwiftAbandonedSegments.PurgeAsync(_writerSettings, path == "/" ? string.Empty : StoragePath.Validate(path)[1..] + "/", startedBefore, cancellationToken);
    }

    public async Task<Uri?> GetRedirectUrlAsync(string path, CancellationToken cancellationToken)
    {
        var name = ObjectName(path);
        if (string.IsNullOrEmpty(_options.TempUrlKey))
        {
            return null;
        }

        var credentials = await Store.Client.GetCredentialsAsync(TimeSpan.FromSeconds(30), cancellationToken);
        return SwiftTempUrl.Create(credentials.StorageUrl, Container, name, _options.TempUrlKey, _time.GetUtcNow() + _options.TempUrlExpiry);
    }

    public void Dispose()
    {
        Store.Client.Dispose();
        _readyLock.Dispose();
    }

    internal static ISwiftAuthenticator CreateAuthenticator(SwiftStorageOptions options, TimeProvider time) =>
        options.AuthVersion == 3
            ? new KeystoneV3Authenticator(options)
            : new V1Authenticator(options.AuthUrl!, options.Username!, options.Key!, options.StorageUrl, time);

    /// <summary>
    /// GETs an object, once more after a 404: Swift's object server can answer 404 to a GET that races an overwrite
    /// (the old data file is unlinked between listing and opening it); the retry sees the new version.
    /// </summary>
    private async Task<HttpResponseMessage> GetObjectAsync(string name, Action<HttpRequestMessage>? configure, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        var response = await Store.Client.SendAsync(HttpMethod.Get, SwiftObjectStore.Url(Container, name), configure, completion, cancellationToken);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            return response;
        }

        response.Dispose();
        return await Store.Client.SendAsync(HttpMethod.Get, SwiftObjectStore.Url(Container, name), configure, completion, cancellationToken);
    }

    private string ObjectName(string path) => _keys.Key(path);

    private string DirectoryPrefix(string path) => _keys.DirectoryPrefix(path);

    private static DateTimeOffset ToOffset(DateTime? value) =>
        value is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : DateTimeOffset.UnixEpoch;

    private async Task DeleteEntriesAsync(List<SwiftListingEntry> entries, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(entries, new ParallelOptions { MaxDegreeOfParallelism = DeleteParallelism, CancellationToken = cancellationToken }, async (entry, ct) =>
            await Store.DeleteAsync(Container, entry.Name!, withSegments: entry.SloEtag is not null, ct));
        entries.Clear();
    }

    /// <summary>Deletes the closed, uncommitted writers at and under a path, with their segments, and the paths' commit records.</summary>
    private async Task<bool> DeletePendingUploadsAsync(string path, CancellationToken cancellationToken)
    {
        var relative = path == "/" ? string.Empty : path[1..];
        var exact = SwiftStorageWriter.PendingName(_writerSettings, relative);
        var found = path != "/" && await SwiftPendingUploads.DeleteAsync(Store, SegmentContainer, exact, keep: null, cancellationToken);
        var under = new List<string>();
        await foreach (var entry in Store.ListAsync(SegmentContainer, path == "/" ? exact : exact + "/", null, cancellationToken))
        {
            under.Add(entry.Name!);
        }

        await Parallel.ForEachAsync(under, new ParallelOptions { MaxDegreeOfParallelism = DeleteParallelism, CancellationToken = cancellationToken }, async (name, ct) =>
            await SwiftPendingUploads.DeleteAsync(Store, SegmentContainer, name, keep: null, ct));

        // Commit records only name segments that the deleted manifests owned; they go with their paths.
        var records = new List<string>();
        await foreach (var entry in Store.ListAsync(SegmentContainer, path == "/" ? _writerSettings.Prefix + "commits/" : SwiftCommitRecords.Prefix(_writerSettings, relative), null, cancellationToken))
        {
            records.Add("/" + SegmentContainer + "/" + entry.Name);
        }

        await Store.DeleteObjectsAsync(records, cancellationToken);
        return found || under.Count > 0;
    }

    private async Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        if (_ready || !_options.CreateContainers)
        {
            return;
        }

        await _readyLock.WaitAsync(cancellationToken);
        try
        {
            if (!_ready)
            {
                await Store.EnsureContainerAsync(Container, cancellationToken);
                await Store.EnsureContainerAsync(SegmentContainer, cancellationToken);
                _ready = true;
            }
        }
        finally
        {
            _readyLock.Release();
        }
    }
}
