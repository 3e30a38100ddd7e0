using System.Net;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Amazon.S3;
using Amazon.S3.Model;
using Berth.Storage.Instrumentation;
using Berth.Storage.ObjectStores;
using Microsoft.Extensions.Logging;

namespace Berth.Storage.S3;

/// <summary>
/// Keeps each object under one key of an S3 bucket (AWS, Ceph RGW, Swift's s3api, MinIO). Directories are key
/// prefixes; writers are multipart uploads whose state lives in the bucket (<see cref="S3StorageWriter"/>); moves are
/// server-side copies.
/// </summary>
public sealed partial class S3StorageDriver : IStorageDriver, IDisposable
{
    private const int NotFoundRetries = 3;
    private readonly BerthS3Client _client;
    private readonly S3StorageOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly S3StorageContext _context;

    /// <param name="options">Storage:S3.</param>
    /// <param name="timeProvider">The clock for stats of "/" and read retries.</param>
    /// <param name="logger">The driver's log.</param>
    /// <param name="metrics">When given, every request sent to the store is counted in it (berth.storage.requests).</param>
    public S3StorageDriver(S3StorageOptions options, TimeProvider timeProvider, ILogger<S3StorageDriver> logger, StorageMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _timeProvider = timeProvider;
        _client = BerthS3Client.Create(options, metrics is null ? null : request => metrics.StoreRequest("s3", request));
        var bucket = options.Bucket ?? throw new ArgumentException("Storage:S3:Bucket is required.", nameof(options));
        _context = new S3StorageContext(_client, bucket, new ObjectKeyMap(options.RootDirectory), options.PartSize, logger, new S3TailCache());
        var endpoint = options.Endpoint ?? "AWS " + options.Region;
        Log.Configured(logger, bucket, options.RootDirectory, endpoint, options.PartSize);
    }

    public string Name => "s3";

    private string Bucket => _context.Bucket;

    private ObjectKeyMap Keys => _context.Keys;

    public async Task<byte[]> GetContentAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await GetObjectAsync(path, null, cancellationToken);
        var content = new byte[response.ContentLength];
        await response.ResponseStream.ReadExactlyAsync(content, cancellationToken);
        return content;
    }

    public async Task PutContentAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var body = MemoryMarshal.TryGetArray(content, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);
        await using (body)
        {
            await _client.PutObjectAsync(
                new PutObjectRequest { BucketName = Bucket, Key = Keys.Key(path), InputStream = body, UseChunkEncoding = false, AutoCloseStream = false },
                cancellationToken);
        }
    }

    public async Task<StorageRead> OpenReadAsync(string path, long offset, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        GetObjectResponse response;
        try
        {
            response = await GetObjectAsync(path, offset == 0 ? null : new ByteRange($"bytes={offset}-"), cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            // A range from the end or beyond: nothing to read, and the answer carries no size the SDK hands over.
            return new StorageRead(Stream.Null, (await StatObjectAsync(path, cancellationToken)).Size);
        }

        try
        {
            var size = ObjectSize.FromHeaders(path, response.HttpStatusCode == HttpStatusCode.PartialContent, response.ContentLength, response.ContentRange);
            return new StorageRead(new OwnedReadStream(response.ResponseStream, response), size);
        }
        catch
        {
            response.Dispose();
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
            var head = await _client.GetObjectMetadataAsync(Bucket, Keys.Key(path), cancellationToken);
            return new StorageObjectInfo(path, head.ContentLength, head.LastModified ?? _timeProvider.GetUtcNow(), IsDirectory: false);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new StorageNotFoundException(path, e);
        }
    }

    public async Task<IStorageWriter> CreateWriterAsync(string path, bool append, CancellationToken cancellationToken) =>
        await S3StorageWriter.CreateAsync(_context, path, append, cancellationToken);

    /// <summary>No look for an earlier writer's state: a new upload's path has none (one HEAD less per upload).</summary>
    public Task<IStorageWriter> CreateFreshWriterAsync(string path, CancellationToken cancellationToken) =>
        Task.FromResult<IStorageWriter>(S3StorageWriter.CreateFresh(_context, path));

    public Task<long> GetAppendableSizeAsync(string path, CancellationToken cancellationToken) =>
        S3StorageWriter.ReadAppendableSizeAsync(_context, path, cancellationToken);

    public async Task<StorageObjectInfo> StatAsync(string path, CancellationToken cancellationToken)
    {
        if (path == "/")
        {
            return new StorageObjectInfo(path, 0, _timeProvider.GetUtcNow(), IsDirectory: true);
        }

        try
        {
            return await StatObjectAsync(path, cancellationToken);
        }
        catch (StorageNotFoundException)
        {
            var page = await _client.ListObjectsV2Async(
                new ListObjectsV2Request { BucketName = Bucket, Prefix = Keys.DirectoryPrefix(path), MaxKeys = 1 },
                cancellationToken);
            if (page.S3Objects is [var first, ..])
            {
                return new StorageObjectInfo(path, 0, first.LastModified ?? _timeProvider.GetUtcNow(), IsDirectory: true);
            }

            throw;
        }
    }

    public async IAsyncEnumerable<string> ListAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = Bucket, Prefix = Keys.DirectoryPrefix(path), Delimiter = "/" };
        var anything = false;
        do
        {
            var page = await _client.ListObjectsV2Async(request, cancellationToken);
            foreach (var prefix in page.CommonPrefixes ?? [])
            {
                anything = true;
                yield return Keys.Path(prefix);
            }

            foreach (var item in page.S3Objects ?? [])
            {
                anything = true;
                if (!S3WriterState.IsStateKey(item.Key) && item.Key != request.Prefix)
                {
                    yield return Keys.Path(item.Key);
                }
            }

            request.ContinuationToken = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (request.ContinuationToken is not null);

        if (!anything && path != "/")
        {
            throw new StorageNotFoundException(path);
        }
    }

    /// <summary>
    /// A writer streams parts into a multipart upload that only its commit completes; a writer whose process died leaves
    /// the upload open, invisible in listings but billed. Aborted by the time the upload was initiated.
    /// </summary>
    public async Task<int> PurgeAbandonedWritesAsync(string path, DateTimeOffset startedBefore, CancellationToken cancellationToken)
    {
        var purged = 0;
        var request = new ListMultipartUploadsRequest { BucketName = Bucket, Prefix = Keys.DirectoryPrefix(StoragePath.Validate(path)) };
        while (true)
        {
            var page = await _client.ListMultipartUploadsAsync(request, cancellationToken);
            foreach (var upload in page.MultipartUploads ?? [])
            {
                if (upload.Initiated is { } initiated && new DateTimeOffset(initiated.ToUniversalTime()) < startedBefore)
                {
                    Log.AbortingUpload(_context.Logger, upload.Key, upload.UploadId);
                    try
                    {
                        await _client.AbortMultipartUploadAsync(Bucket, upload.Key, upload.UploadId, cancellationToken);
                        purged++;
                    }
                    catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
                    {
                    }
                }
            }

            if (page.IsTruncated != true)
            {
                return purged;
            }

            request.KeyMarker = page.NextKeyMarker;
            request.UploadIdMarker = page.NextUploadIdMarker;
        }
    }

    public async Task<Uri?> GetRedirectUrlAsync(string path, CancellationToken cancellationToken)
    {
        if (!_options.RedirectGets)
        {
            return null;
        }

        var url = await _client.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = Bucket,
            Key = Keys.Key(path),
            Verb = HttpVerb.GET,
            Expires = _timeProvider.GetUtcNow().Add(_options.PresignExpiry).UtcDateTime,
            Protocol = _options.Endpoint is { } endpoint && endpoint.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? Protocol.HTTP : Protocol.HTTPS,
        });
        return new Uri(url);
    }

    public void Dispose()
    {
        _client.Dispose();
        _context.Tails.Dispose();
    }

    /// <summary>
    /// Swift's s3api can answer 404 for an object while a PUT replaces it; with Storage:S3:NotFoundRetryDelay set,
    /// a read that finds nothing looks again a few times before reporting the object missing.
    /// </summary>
    private async Task<GetObjectResponse> GetObjectAsync(string path, ByteRange? range, CancellationToken cancellationToken)
    {
        var request = new GetObjectRequest { BucketName = Bucket, Key = Keys.Key(path), ByteRange = range };
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await _client.GetObjectAsync(request, cancellationToken);
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                if (attempt >= NotFoundRetries || _options.NotFoundRetryDelay <= TimeSpan.Zero)
                {
                    throw new StorageNotFoundException(path, e);
                }
            }

            await Task.Delay(_options.NotFoundRetryDelay, _timeProvider, cancellationToken);
        }
    }
}
