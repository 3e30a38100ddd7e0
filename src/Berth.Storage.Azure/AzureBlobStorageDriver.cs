using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Azure.Storage.Sas;
using Berth.Storage.Azure.Configuration;
using Berth.Storage.Azure.Writing;
using Berth.Storage.ObjectStores;

namespace Berth.Storage.Azure;

/// <summary>
/// Keeps each path as a block blob "{Prefix}{path}" in one container. Uploads in progress live in a second,
/// staging container (see <see cref="AzureBlobStorageWriter"/>), so listings of the main container show only
/// committed content. Moves are server-side copies within the account followed by a delete.
/// </summary>
internal sealed class AzureBlobStorageDriver : IStorageDriver, IDisposable
{
    public const string DriverName = "azure";
    private readonly AzureStorageOptions _options;
    private readonly TimeProvider _time;
    private readonly AzureWriterSettings _writerSettings;
    private readonly ObjectKeyMap _keys;
    private readonly SemaphoreSlim _readyLock = new(1, 1);
    private bool _ready;

    public AzureBlobStorageDriver(AzureStorageOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        var service = string.IsNullOrEmpty(options.ConnectionString)
            ? new BlobServiceClient(
                options.BlobEndpoint ?? new Uri($"https://{options.AccountName}.blob.core.windows.net"),
                new StorageSharedKeyCredential(options.AccountName, options.AccountKey))
            : new BlobServiceClient(options.ConnectionString);
        Container = service.GetBlobContainerClient(options.Container);
        Staging = service.GetBlobContainerClient(string.IsNullOrEmpty(options.StagingContainer) ? options.Container + "-staging" : options.StagingContainer);
        _keys = new ObjectKeyMap(options.Prefix);
        _writerSettings = new AzureWriterSettings(Container, Staging, Prefix, options.BlockSize, time);
    }

    public string Name => DriverName;

    internal BlobContainerClient Container { get; }

    internal BlobContainerClient Staging { get; }

    internal string Prefix => _keys.Prefix;

    public async Task<byte[]> GetContentAsync(string path, CancellationToken cancellationToken)
    {
        var blob = Blob(path);
        await EnsureReadyAsync(cancellationToken);
        try
        {
            return (await blob.DownloadContentAsync(cancellationToken)).Value.Content.ToArray();
        }
        catch (RequestFailedException e) when (AzureBlobs.IsNotFound(e))
        {
            throw new StorageNotFoundException(path, e);
        }
    }

    public async Task PutContentAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var blob = Blob(path);
        await EnsureReadyAsync(cancellationToken);
        await blob.UploadAsync(BinaryData.FromBytes(content), overwrite: true, cancellationToken);
    }

    public async Task<StorageRead> OpenReadAsync(string path, long offset, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var blob = Blob(path);
        await EnsureReadyAsync(cancellationToken);
        BlobDownloadStreamingResult download;
        try
        {
            var options = new BlobDownloadOptions { Range = offset > 0 ? new HttpRange(offset) : default };
            download = (await blob.DownloadStreamingAsync(options, cancellationToken)).Value;
        }
        catch (RequestFailedException e) when (AzureBlobs.IsNotFound(e))
        {
            throw new StorageNotFoundException(path, e);
        }
        catch (RequestFailedException e) when (e.Status == 416)
        {
            // A range starting at or after the end: there is nothing to read from there.
            return new StorageRead(Stream.Null, (await StatAsync(path, cancellationToken)).Size);
        }

        try
        {
            return new StorageRead(download.Content, ObjectSize.FromHeaders(path, offset > 0, download.Details.ContentLength, download.Details.ContentRange));
        }
        catch
        {
            download.Dispose();
            throw;
        }
    }

    public async Task<IStorageWriter> CreateWriterAsync(string path, bool append, CancellationToken cancellationToken)
    {
        StoragePath.Validate(path);
        await EnsureReadyAsync(cancellationToken);
        return await AzureBlobStorageWriter.OpenAsync(_writerSettings, path, append, cancellationToken);
    }

    public async Task<long> GetAppendableSizeAsync(string path, CancellationToken cancellationToken)
    {
        StoragePath.Validate(path);
        await EnsureReadyAsync(cancellationToken);
        return await AzureBlobStorageWriter.ReadAppendableSizeAsync(_writerSettings, path, cancellationToken);
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
        await foreach (var item in Container.GetBlobsAsync(new GetBlobsOptions { Prefix = DirectoryPrefix(path) }, cancellationToken))
        {
            return new StorageObjectInfo(path, 0, item.Properties.LastModified ?? DateTimeOffset.UnixEpoch, IsDirectory: true);
        }

        return path == "/" ? new StorageObjectInfo(path, 0, DateTimeOffset.UnixEpoch, IsDirectory: true) : throw new StorageNotFoundException(path);
    }

    public async Task<StorageObjectInfo> StatObjectAsync(string path, CancellationToken cancellationToken)
    {
        var blob = Blob(path);
        await EnsureReadyAsync(cancellationToken);
        if (path != "/")
        {
            try
            {
                var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
                return new StorageObjectInfo(path, properties.ContentLength, properties.LastModified, IsDirectory: false);
            }
            catch (RequestFailedException e) when (AzureBlobs.IsNotFound(e))
            {
                throw new StorageNotFoundException(path, e);
            }
        }

        throw new StorageNotFoundException(path);
    }

    public async IAsyncEnumerable<string> ListAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var prefix = DirectoryPrefix(path);
        await EnsureReadyAsync(cancellationToken);
        var any = false;
        await foreach (var item in Container.GetBlobsByHierarchyAsync(new GetBlobsByHierarchyOptions { Prefix = prefix, Delimiter = "/" }, cancellationToken))
        {
            any = true;
            yield return _keys.Path(item.IsPrefix ? item.Prefix : item.Blob.Name);
        }

        if (!any && path != "/")
        {
            throw new StorageNotFoundException(path);
        }
    }

    public async Task MoveAsync(string sourcePath, string destinationPath, CancellationToken cancellationToken)
    {
        var source = Blob(sourcePath);
        var destination = Blob(destinationPath);
        await EnsureReadyAsync(cancellationToken);
        try
        {
            await source.GetPropertiesAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (AzureBlobs.IsNotFound(e))
        {
            throw new StorageNotFoundException(sourcePath, e);
        }

        if (source.Name == destination.Name)
        {
            return;
        }

        await AzureBlobs.CopyAsync(source, destination, _time, cancellationToken);
        await source.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
    }

    public async Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        var blob = Blob(path);
        await EnsureReadyAsync(cancellationToken);
        var found = path != "/" && (await blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken)).Value;
        found |= await AzureBlobs.DeleteByPrefixAsync(Container, DirectoryPrefix(path), cancellationToken) > 0;

        // Uploads in progress at and under the path: their records, then every staging blob of theirs.
        var relative = path == "/" ? string.Empty : path[1..];
        if (path != "/")
        {
            found |= await AzureBlobStorageWriter.DiscardPendingAsync(_writerSettings, Staging.GetBlobClient(_writerSettings.PendingName(relative)), cancellationToken);
        }

        found |= await AzureBlobs.DeleteByPrefixAsync(Staging, _writerSettings.PendingName(relative) + (path == "/" ? string.Empty : "/"), cancellationToken) > 0;
        await AzureBlobs.DeleteByPrefixAsync(Staging, path == "/" ? Prefix + "blocks/" : _writerSettings.BlocksPrefix(relative), cancellationToken);
        if (!found && path != "/")
        {
            throw new StorageNotFoundException(path);
        }
    }

    /// <summary>
    /// A writer stages its blocks in a blob of its own in the staging container, and a closed one leaves a pending record
    /// there; a writer whose process died leaves them behind. Staging blobs are compared by their last write.
    /// </summary>
    public async Task<int> PurgeAbandonedWritesAsync(string path, DateTimeOffset startedBefore, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken);
        var relative = path == "/" ? string.Empty : StoragePath.Validate(path)[1..] + "/";
        var purged = 0;
        await foreach (var item in Staging.GetBlobsAsync(new GetBlobsOptions { Prefix = Prefix + "pending/" + relative }, cancellationToken))
        {
            if (item.Properties.LastModified < startedBefore)
            {
                await Staging.GetBlobClient(item.Name).DeleteIfExistsAsync(cancellationToken: cancellationToken);
                purged++;
            }
        }

        // A staging blob holds uncommitted blocks only, which listings show only when asked for.
        await foreach (var item in Staging.GetBlobsAsync(new GetBlobsOptions { Prefix = Prefix + "blocks/" + relative, States = BlobStates.Uncommitted }, cancellationToken))
        {
            if (item.Properties.LastModified < startedBefore)
            {
                await AzureBlobStorageWriter.DiscardStagingAsync(Staging.GetBlockBlobClient(item.Name), cancellationToken);
                purged++;
            }
        }

        return purged;
    }

    public Task<Uri?> GetRedirectUrlAsync(string path, CancellationToken cancellationToken)
    {
        var blob = Blob(path);
        return Task.FromResult(_options.RedirectWithSas && blob.CanGenerateSasUri
            ? blob.GenerateSasUri(BlobSasPermissions.Read, _time.GetUtcNow() + _options.SasExpiry)
            : null);
    }

    public void Dispose() => _readyLock.Dispose();

    private BlobClient Blob(string path) => Container.GetBlobClient(_keys.Key(path));

    private string DirectoryPrefix(string path) => _keys.DirectoryPrefix(path);

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
                await Container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                await Staging.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                _ready = true;
            }
        }
        finally
        {
            _readyLock.Release();
        }
    }
}
