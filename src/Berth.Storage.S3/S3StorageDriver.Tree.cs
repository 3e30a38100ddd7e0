using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace Berth.Storage.S3;

public sealed partial class S3StorageDriver
{
    /// <summary>Objects up to this size are copied in one request; S3 refuses single copies above 5 GiB.</summary>
    private const long SingleCopyLimit = 5L * 1024 * 1024 * 1024;
    private const long CopyPartSize = 1024L * 1024 * 1024;
    private const int DeleteBatchSize = 1000;

    public async Task MoveAsync(string sourcePath, string destinationPath, CancellationToken cancellationToken)
    {
        var source = await StatObjectAsync(sourcePath, cancellationToken);
        var sourceKey = Keys.Key(sourcePath);
        var destinationKey = Keys.Key(destinationPath);
        if (source.Size <= SingleCopyLimit)
        {
            await _client.CopyObjectAsync(
                new CopyObjectRequest { SourceBucket = Bucket, SourceKey = sourceKey, DestinationBucket = Bucket, DestinationKey = destinationKey },
                cancellationToken);
        }
        else
        {
            await MultipartCopyAsync(sourceKey, destinationKey, source.Size, cancellationToken);
        }

        await _client.DeleteObjectAsync(Bucket, sourceKey, cancellationToken);
    }

    /// <summary>
    /// Deletes the object and everything under the path, including writer state and unfinished multipart uploads,
    /// in batches of 1000 keys. One listing of the path's key as a prefix finds the object, its writer state and
    /// everything under the directory (where a HEAD of the object and a listing of the directory would be two
    /// requests); it goes out with the multipart uploads' listing, and a registry deletes an upload's folder at the
    /// end of every blob push. Siblings whose names extend the path's (<c>repo-other</c> beside <c>repo</c>) are
    /// listed too but left alone, and the listing stops at the first key sorting after the directory.
    /// </summary>
    public async Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        var key = Keys.Key(path);
        var stateKey = S3WriterState.Key(Keys, path);
        var directoryPrefix = Keys.DirectoryPrefix(path);
        _context.Tails.RemoveUnder(stateKey, directoryPrefix);
        var request = new ListObjectsV2Request { BucketName = Bucket, Prefix = path == "/" ? directoryPrefix : key };
        var uploadsAborted = AbortUploadsAsync(path == "/" ? directoryPrefix : key, directoryPrefix, cancellationToken);
        var firstPage = _client.ListObjectsV2Async(request, cancellationToken);
        await Task.WhenAll(uploadsAborted, firstPage);

        var found = await uploadsAborted;
        var keys = new List<string>();
        var page = await firstPage;
        while (true)
        {
            var pastDirectory = false;
            foreach (var item in page.S3Objects ?? [])
            {
                if (item.Key == key || item.Key.StartsWith(directoryPrefix, StringComparison.Ordinal))
                {
                    found = true;
                }
                else if (item.Key != stateKey)
                {
                    pastDirectory = string.CompareOrdinal(item.Key, directoryPrefix) > 0;
                    if (pastDirectory)
                    {
                        break;
                    }

                    continue;
                }

                keys.Add(item.Key);
                if (keys.Count == DeleteBatchSize)
                {
                    await DeleteBatchAsync(directoryPrefix, keys, cancellationToken);
                }
            }

            if (pastDirectory || page.IsTruncated != true)
            {
                break;
            }

            request.ContinuationToken = page.NextContinuationToken;
            page = await _client.ListObjectsV2Async(request, cancellationToken);
        }

        await DeleteBatchAsync(directoryPrefix, keys, cancellationToken);
        if (!found)
        {
            throw new StorageNotFoundException(path);
        }
    }

    private async Task MultipartCopyAsync(string sourceKey, string destinationKey, long size, CancellationToken cancellationToken)
    {
        var parts = (int)((size + CopyPartSize - 1) / CopyPartSize);
        Log.MultipartCopy(_context.Logger, sourceKey, destinationKey, size, parts);
        var uploadId = (await _client.InitiateMultipartUploadAsync(Bucket, destinationKey, cancellationToken)).UploadId;
        try
        {
            var etags = new List<PartETag>(parts);
            for (var part = 0; part < parts; part++)
            {
                var first = part * CopyPartSize;
                var response = await _client.CopyPartAsync(
                    new CopyPartRequest
                    {
                        SourceBucket = Bucket,
                        SourceKey = sourceKey,
                        DestinationBucket = Bucket,
                        DestinationKey = destinationKey,
                        UploadId = uploadId,
                        PartNumber = part + 1,
                        FirstByte = first,
                        LastByte = Math.Min(first + CopyPartSize, size) - 1,
                    },
                    cancellationToken);
                etags.Add(new PartETag(part + 1, response.ETag));
            }

            await _client.CompleteMultipartUploadAsync(
                new CompleteMultipartUploadRequest { BucketName = Bucket, Key = destinationKey, UploadId = uploadId, PartETags = etags },
                cancellationToken);
        }
        catch
        {
            await _client.AbortMultipartUploadAsync(Bucket, destinationKey, uploadId, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Aborts the multipart uploads of <paramref name="key"/> and of every key under <paramref name="directoryPrefix"/>.</summary>
    private async Task<bool> AbortUploadsAsync(string key, string directoryPrefix, CancellationToken cancellationToken)
    {
        var aborted = false;
        var request = new ListMultipartUploadsRequest { BucketName = Bucket, Prefix = key };
        while (true)
        {
            var page = await _client.ListMultipartUploadsAsync(request, cancellationToken);
            foreach (var upload in page.MultipartUploads ?? [])
            {
                if (upload.Key == key || upload.Key.StartsWith(directoryPrefix, StringComparison.Ordinal))
                {
                    aborted = true;
                    Log.AbortingUpload(_context.Logger, upload.Key, upload.UploadId);
                    try
                    {
                        await _client.AbortMultipartUploadAsync(Bucket, upload.Key, upload.UploadId, cancellationToken);
                    }
                    catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
                    {
                    }
                }
            }

            if (page.IsTruncated != true)
            {
                return aborted;
            }

            request.KeyMarker = page.NextKeyMarker;
            request.UploadIdMarker = page.NextUploadIdMarker;
        }
    }

    private async Task DeleteBatchAsync(string prefix, List<string> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return;
        }

        var response = await _client.DeleteObjectsAsync(
            new DeleteObjectsRequest { BucketName = Bucket, Quiet = true, Objects = keys.Select(k => new KeyVersion { Key = k }).ToList() },
            cancellationToken);
        keys.Clear();
        if (response.DeleteErrors is [var first, ..] errors)
        {
            Log.DeleteErrors(_context.Logger, prefix, errors.Count, first.Key, first.Code, first.Message);
            throw new IOException($"Deleting under {prefix}: {errors.Count} objects could not be deleted, first {first.Key}: {first.Code} {first.Message}");
        }
    }
}
