using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Berth.Storage.Gcs.Configuration;
using Berth.Storage.ObjectStores;
using Berth.Storage.Gcs.Writing;
using Google;
using Google.Apis.Auth.OAuth2;
using Google.Cloud.Storage.V1;
using Microsoft.Extensions.Logging;
using GcsObject = Google.Apis.Storage.v1.Data.Object;

namespace Berth.Storage.Gcs;

/// <summary>
/// Keeps each object under one name of a Google Cloud Storage bucket (or the firebase-tools emulator). Directories are
/// name prefixes; writers are resumable uploads whose state lives in the bucket (<see cref="GcsStorageWriter"/>);
/// reads are ranged GETs; moves are server-side rewrites.
/// </summary>
internal sealed class GcsStorageDriver : IStorageDriver, IDisposable
{
    public const string DriverName = "gcs";
    private readonly GcsStorageOptions _options;
    private readonly TimeProvider _time;
    private readonly GcsStore _store;
    private readonly Lazy<Task<UrlSigner>> _signer;

    public GcsStorageDriver(GcsStorageOptions options, TimeProvider time, ILogger<GcsStorageDriver> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time;
        var bucket = options.Bucket ?? throw new ArgumentException("Storage:Gcs:Bucket is required.", nameof(options));
        var serviceAccount = options.Authentication == GcsAuthentication.ServiceAccountFile
            ? CredentialFactory.FromFile<ServiceAccountCredential>(options.CredentialsFile!)
            : null;
        var builder = new StorageClientBuilder
        {
            BaseUri = options.BaseUri?.AbsoluteUri,
            UnauthenticatedAccess = options.Authentication == GcsAuthentication.None,
            Credential = serviceAccount?.ToGoogleCredential(),
        };
        _store = new GcsStore(builder.Build(), bucket, new ObjectKeyMap(options.RootDirectory), options.ChunkSize, logger);
        _signer = new(async () => serviceAccount is null
            ? UrlSigner.FromCredential(await GoogleCredential.GetApplicationDefaultAsync())
            : UrlSigner.FromCredential(serviceAccount));
        Log.Configured(logger, bucket, options.RootDirectory, options.BaseUri?.AbsoluteUri ?? "Google Cloud Storage", options.Authentication, options.ChunkSize);
    }

    public string Name => DriverName;

    internal GcsStore Store => _store;

    private StorageClient Client => _store.Client;

    private string Bucket => _store.Bucket;

    private ObjectKeyMap Keys => _store.Keys;

    public async Task<byte[]> GetContentAsync(string path, CancellationToken cancellationToken)
    {
        await using var read = await OpenReadAsync(path, 0, cancellationToken);
        using var content = new MemoryStream();
        await read.Content.CopyToAsync(content, cancellationToken);
        return content.ToArray();
    }

    public async Task PutContentAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var body = MemoryMarshal.TryGetArray(content, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);
        await using (body)
        {
            await Client.UploadObjectAsync(Bucket, Keys.Key(path), "application/octet-stream", body, cancellationToken: cancellationToken);
        }
    }

    public async Task<StorageRead> OpenReadAsync(string path, long offset, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        return await _store.OpenReadAsync(path, offset, cancellationToken)
            ?? new StorageRead(Stream.Null, (await StatObjectAsync(path, cancellationToken)).Size);
    }

    public async Task<IStorageWriter> CreateWriterAsync(string path, bool append, CancellationToken cancellationToken) =>
        await GcsStorageWriter.OpenAsync(_store, path, append, cancellationToken);

    public Task<long> GetAppendableSizeAsync(string path, CancellationToken cancellationToken) =>
        GcsStorageWriter.ReadAppendableSizeAsync(_store, StoragePath.Validate(path), cancellationToken);

    public async Task<StorageObjectInfo> StatAsync(string path, CancellationToken cancellationToken)
    {
        if (path == "/")
        {
            return new StorageObjectInfo(path, 0, _time.GetUtcNow(), IsDirectory: true);
        }

        try
        {
            return await StatObjectAsync(path, cancellationToken);
        }
        catch (StorageNotFoundException)
        {
            var options = new ListObjectsOptions { PageSize = 1 };
            await foreach (var page in Client.ListObjectsAsync(Bucket, Keys.DirectoryPrefix(path), options).AsRawResponses().WithCancellation(cancellationToken))
            {
                if (page.Items is [var first, ..])
                {
                    return new StorageObjectInfo(path, 0, first.UpdatedDateTimeOffset ?? _time.GetUtcNow(), IsDirectory: true);
                }

                break;
            }

            throw;
        }
    }

    public async Task<StorageObjectInfo> StatObjectAsync(string path, CancellationToken cancellationToken)
    {
        if (path == "/")
        {
            throw new StorageNotFoundException(path);
        }

        try
        {
            var item = await Client.GetObjectAsync(Bucket, Keys.Key(path), cancellationToken: cancellationToken);
            return new StorageObjectInfo(path, (long)(item.Size ?? 0), item.UpdatedDateTimeOffset ?? _time.GetUtcNow(), IsDirectory: false);
        }
        catch (GoogleApiException e) when (GcsStore.IsNotFound(e))
        {
            throw new StorageNotFoundException(path, e);
        }
    }

    public async IAsyncEnumerable<string> ListAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var prefix = Keys.DirectoryPrefix(path);
        var anything = false;
        await foreach (var page in Client.ListObjectsAsync(Bucket, prefix, new ListObjectsOptions { Delimiter = "/" }).AsRawResponses().WithCancellation(cancellationToken))
        {
            foreach (var directory in page.Prefixes ?? [])
            {
                anything = true;
                yield return Keys.Path(directory);
            }

            foreach (var item in page.Items ?? [])
            {
                anything = true;
                if (!GcsWriterState.IsStateName(item.Name) && item.Name != prefix)
                {
                    yield return Keys.Path(item.Name);
                }
            }
        }

        if (!anything && path != "/")
        {
            throw new StorageNotFoundException(path);
        }
    }

    /// <summary>A rewrite within the bucket (the client repeats it until GCS reports it done), then a delete of the source.</summary>
    public async Task MoveAsync(string sourcePath, string destinationPath, CancellationToken cancellationToken)
    {
        var source = Keys.Key(sourcePath);
        var destination = Keys.Key(destinationPath);
        if (source == destination)
        {
            await StatObjectAsync(sourcePath, cancellationToken);
            return;
        }

        try
        {
            await Client.CopyObjectAsync(Bucket, source, Bucket, destination, cancellationToken: cancellationToken);
        }
        catch (GoogleApiException e) when (GcsStore.IsNotFound(e))
        {
            throw new StorageNotFoundException(sourcePath, e);
        }

        await _store.DeleteIfExistsAsync(source, cancellationToken);
    }

    /// <summary>Deletes the object and everything under the path, cancelling the upload sessions of writers there.</summary>
    public async Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        var found = false;
        if (path != "/")
        {
            try
            {
                await Client.DeleteObjectAsync(Bucket, Keys.Key(path), cancellationToken: cancellationToken);
                found = true;
            }
            catch (GoogleApiException e) when (GcsStore.IsNotFound(e))
            {
            }

            // The writer states of the object itself sit beside it, not under its directory prefix.
            found |= await DeleteUnderAsync(GcsWriterState.Name(Keys, path), cancellationToken) > 0;
        }

        found |= await DeleteUnderAsync(Keys.DirectoryPrefix(path), cancellationToken) > 0;
        if (!found && path != "/")
        {
            throw new StorageNotFoundException(path);
        }
    }

    /// <summary>
    /// A writer whose process died leaves its upload session (recorded in a state object when it opened it) and, if it
    /// had been closed, its closed-writer state. Both are compared by their state object's last write.
    /// </summary>
    public async Task<int> PurgeAbandonedWritesAsync(string path, DateTimeOffset startedBefore, CancellationToken cancellationToken)
    {
        var purged = 0;
        await foreach (var item in Client.ListObjectsAsync(Bucket, Keys.DirectoryPrefix(StoragePath.Validate(path))).WithCancellation(cancellationToken))
        {
            if (GcsWriterState.IsStateName(item.Name) && item.UpdatedDateTimeOffset < startedBefore)
            {
                Log.PurgingWriterState(_store.Logger, item.Name);
                await GcsStorageWriter.DiscardStateAsync(_store, item, cancellationToken);
                purged++;
            }
        }

        return purged;
    }

    public async Task<Uri?> GetRedirectUrlAsync(string path, CancellationToken cancellationToken)
    {
        if (!_options.RedirectGets)
        {
            return null;
        }

        var signer = await _signer.Value;
        var url = await signer.SignAsync(Bucket, Keys.Key(path), _options.SignedUrlExpiry, HttpMethod.Get, SigningVersion.V4, cancellationToken);
        return new Uri(url);
    }

    public void Dispose() => Client.Dispose();

    /// <summary>Deletes every object whose name starts with <paramref name="prefix"/>, cancelling writers' sessions; the number deleted.</summary>
    private async Task<int> DeleteUnderAsync(string prefix, CancellationToken cancellationToken)
    {
        var items = new List<GcsObject>();
        await foreach (var item in Client.ListObjectsAsync(Bucket, prefix).WithCancellation(cancellationToken))
        {
            items.Add(item);
        }

        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (item, ct) =>
        {
            if (GcsWriterState.IsStateName(item.Name))
            {
                await GcsStorageWriter.DiscardStateAsync(_store, item, ct);
            }
            else
            {
                await _store.DeleteIfExistsAsync(item.Name, ct);
            }
        });
        return items.Count;
    }
}
