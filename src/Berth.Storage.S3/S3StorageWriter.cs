using System.Globalization;
using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace Berth.Storage.S3;

/// <summary>
/// Streams an object to S3 as a multipart upload, holding at most one part in memory. Close uploads the buffered
/// tail as a part when S3 allows it (5 MiB), and leaves the rest with the upload id in a small writer-state object
/// beside the target, so a writer in any process can continue; Commit completes the upload (or, for content smaller
/// than one part, puts it in one request) and removes the state.
/// </summary>
internal sealed class S3StorageWriter : IStorageWriter
{
    private readonly S3StorageContext _context;
    private readonly string _path;
    private readonly string _key;
    private readonly string _stateKey;
    private readonly List<PartETag> _parts = [];
    private PartBuffer _buffer = new();
    private string? _uploadId;
    private long _uploadedBytes;
    private bool _resumed;
    private bool _finished;
    private long _finalSize;

    private S3StorageWriter(S3StorageContext context, string path)
    {
        _context = context;
        _path = path;
        _key = context.Keys.Key(path);
        _stateKey = S3WriterState.Key(context.Keys, path);
    }

    public long Size => _finished ? _finalSize : _uploadedBytes + _buffer.Length;

    public static async Task<S3StorageWriter> CreateAsync(S3StorageContext context, string path, bool append, CancellationToken cancellationToken)
    {
        var writer = new S3StorageWriter(context, path);
        try
        {
            if (append)
            {
                await writer.ResumeAsync(cancellationToken);
            }
            else
            {
                await writer.DiscardEarlierWriterAsync(cancellationToken);
            }

            return writer;
        }
        catch
        {
            writer._buffer.Dispose();
            throw;
        }
    }

    /// <summary>A writer at a path no writer has used: nothing to continue or discard, so nothing is read.</summary>
    public static S3StorageWriter CreateFresh(S3StorageContext context, string path) => new(context, path);

    /// <summary>The size the writer-state object records, read from its metadata alone.</summary>
    public static async Task<long> ReadAppendableSizeAsync(S3StorageContext context, string path, CancellationToken cancellationToken)
    {
        try
        {
            var state = await context.Client.GetObjectMetadataAsync(context.Bucket, S3WriterState.Key(context.Keys, path), cancellationToken);
            return long.Parse(state.Metadata[S3WriterState.Size] ?? "0", CultureInfo.InvariantCulture);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new StorageNotFoundException(path, e);
        }
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        while (!buffer.IsEmpty)
        {
            var partSize = S3PartSizes.ForPart(_parts.Count + 1, _context.PartSize);
            buffer = buffer[_buffer.Append(buffer.Span, partSize)..];
            if (_buffer.Length == partSize)
            {
                await UploadPartAsync(cancellationToken);
            }
        }
    }

    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (_finished)
        {
            return;
        }

        _finalSize = Size;
        _finished = true;
        try
        {
            if (_buffer.Length >= S3StorageOptions.MinimumPartSize)
            {
                await UploadPartAsync(cancellationToken);
            }

            var request = new PutObjectRequest
            {
                BucketName = _context.Bucket,
                Key = _stateKey,
                InputStream = _buffer.OpenRead(),
                UseChunkEncoding = false,
            };
            request.Metadata[S3WriterState.UploadId] = _uploadId ?? string.Empty;
            request.Metadata[S3WriterState.Parts] = _parts.Count.ToString(CultureInfo.InvariantCulture);
            request.Metadata[S3WriterState.Size] = _finalSize.ToString(CultureInfo.InvariantCulture);
            var stateId = Guid.NewGuid().ToString("N");
            request.Metadata[S3WriterState.Id] = stateId;
            _context.Tails.Remove(_stateKey);
            await _context.Client.PutObjectAsync(request, cancellationToken);
            _context.Tails.Save(_stateKey, stateId, _buffer);
            _buffer = new PartBuffer();
        }
        finally
        {
            _buffer.Dispose();
        }
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        await FinishAsync(_key, cancellationToken);
    }

    /// <summary>
    /// Content that never filled a part is all in the buffer: it goes to the destination in one PUT, instead of a PUT
    /// to the writer's key and a server-side copy and delete. A multipart upload is bound to its key: that content
    /// commits and moves.
    /// </summary>
    public async Task<bool> TryCommitToAsync(string destinationPath, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        if (_uploadId is not null)
        {
            return false;
        }

        await FinishAsync(_context.Keys.Key(destinationPath), cancellationToken);
        return true;
    }

    public async Task CancelAsync(CancellationToken cancellationToken)
    {
        _finalSize = 0;
        _finished = true;
        _buffer.Dispose();
        _context.Tails.Remove(_stateKey);
        if (_uploadId is not null)
        {
            await AbortAsync(_uploadId, cancellationToken);
        }

        await _context.Client.DeleteObjectAsync(_context.Bucket, _stateKey, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_finished)
        {
            await CloseAsync(CancellationToken.None);
        }

        _buffer.Dispose();
    }

    /// <summary>
    /// Puts the content at <paramref name="key"/>, or completes the multipart upload (at the writer's key, the only one
    /// it can complete at), and removes the writer state.
    /// </summary>
    private async Task FinishAsync(string key, CancellationToken cancellationToken)
    {
        _finalSize = Size;
        _finished = true;
        try
        {
            if (_uploadId is null)
            {
                await _context.Client.PutObjectAsync(
                    new PutObjectRequest { BucketName = _context.Bucket, Key = key, InputStream = _buffer.OpenRead(), UseChunkEncoding = false },
                    cancellationToken);
            }
            else
            {
                if (_buffer.Length > 0)
                {
                    await UploadPartAsync(cancellationToken);
                }

                await _context.Client.CompleteMultipartUploadAsync(
                    new CompleteMultipartUploadRequest { BucketName = _context.Bucket, Key = key, UploadId = _uploadId, PartETags = _parts },
                    cancellationToken);
                Log.CompletedUpload(_context.Logger, key, _parts.Count, _uploadedBytes);
            }

            if (_resumed)
            {
                await _context.Client.DeleteObjectAsync(_context.Bucket, _stateKey, cancellationToken);
            }
        }
        finally
        {
            _buffer.Dispose();
        }
    }

    private async Task UploadPartAsync(CancellationToken cancellationToken)
    {
        if (_parts.Count == S3PartSizes.MaximumParts)
        {
            throw new IOException($"{_path} needs more than {S3PartSizes.MaximumParts} parts; raise Storage:S3:PartSize.");
        }

        _uploadId ??= (await _context.Client.InitiateMultipartUploadAsync(_context.Bucket, _key, cancellationToken)).UploadId;
        var partNumber = _parts.Count + 1;
        var response = await _context.Client.UploadPartAsync(
            new UploadPartRequest
            {
                BucketName = _context.Bucket,
                Key = _key,
                UploadId = _uploadId,
                PartNumber = partNumber,
                PartSize = _buffer.Length,
                InputStream = _buffer.OpenRead(),
                UseChunkEncoding = false,
            },
            cancellationToken);
        _parts.Add(new PartETag(partNumber, response.ETag));
        _uploadedBytes += _buffer.Length;
        _buffer.Reset();
    }

    /// <summary>
    /// Continues from the writer state. When this process wrote that state, its tail is still in memory: the state's
    /// metadata are read alone and the tail is used if the state's id is the one written with it (another writer, on
    /// any node, writes a new id); otherwise the state is read whole.
    /// </summary>
    private async Task ResumeAsync(CancellationToken cancellationToken)
    {
        if (_context.Tails.Take(_stateKey) is ({ } stateId, { } tail))
        {
            GetObjectMetadataResponse head;
            try
            {
                head = await _context.Client.GetObjectMetadataAsync(_context.Bucket, _stateKey, cancellationToken);
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                tail.Dispose();
                throw new StorageNotFoundException(_path, e);
            }

            if (head.Metadata[S3WriterState.Id] == stateId)
            {
                _buffer.Dispose();
                _buffer = tail;
                await RestoreAsync(head.Metadata, cancellationToken);
                return;
            }

            tail.Dispose();
        }

        GetObjectResponse state;
        try
        {
            state = await _context.Client.GetObjectAsync(_context.Bucket, _stateKey, cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new StorageNotFoundException(_path, e);
        }

        using (state)
        {
            await _buffer.AppendAsync(state.ResponseStream, cancellationToken);
            await RestoreAsync(state.Metadata, cancellationToken);
        }
    }

    /// <summary>Takes the multipart upload and its parts from the state's metadata, the tail being in the buffer.</summary>
    private async Task RestoreAsync(MetadataCollection metadata, CancellationToken cancellationToken)
    {
        var uploadId = metadata[S3WriterState.UploadId];
        var partCount = int.Parse(metadata[S3WriterState.Parts] ?? "0", CultureInfo.InvariantCulture);
        var size = long.Parse(metadata[S3WriterState.Size] ?? "0", CultureInfo.InvariantCulture);
        if (!string.IsNullOrEmpty(uploadId))
        {
            _uploadId = uploadId;
            await LoadPartsAsync(uploadId, partCount, cancellationToken);
        }

        if (Size != size || _parts.Count != partCount)
        {
            throw new IOException($"The writer state of {_path} records {size} bytes in {partCount} parts, but the store holds {Size} bytes in {_parts.Count} parts.");
        }

        _resumed = true;
    }

    /// <summary>Parts past <paramref name="partCount"/> belong to a writer that failed before closing; they are overwritten or dropped.</summary>
    private async Task LoadPartsAsync(string uploadId, int partCount, CancellationToken cancellationToken)
    {
        var request = new ListPartsRequest { BucketName = _context.Bucket, Key = _key, UploadId = uploadId };
        while (true)
        {
            var page = await _context.Client.ListPartsAsync(request, cancellationToken);
            foreach (var part in page.Parts ?? [])
            {
                if (part.PartNumber is { } number && number <= partCount)
                {
                    _parts.Add(new PartETag(number, part.ETag));
                    _uploadedBytes += part.Size ?? 0;
                }
            }

            if (page.IsTruncated != true || page.NextPartNumberMarker is not { } marker)
            {
                break;
            }

            request.PartNumberMarker = marker.ToString(CultureInfo.InvariantCulture);
        }

        _parts.Sort((a, b) => Nullable.Compare(a.PartNumber, b.PartNumber));
    }

    private async Task DiscardEarlierWriterAsync(CancellationToken cancellationToken)
    {
        _context.Tails.Remove(_stateKey);
        GetObjectMetadataResponse state;
        try
        {
            state = await _context.Client.GetObjectMetadataAsync(_context.Bucket, _stateKey, cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return;
        }

        if (state.Metadata[S3WriterState.UploadId] is { Length: > 0 } uploadId)
        {
            await AbortAsync(uploadId, cancellationToken);
        }

        await _context.Client.DeleteObjectAsync(_context.Bucket, _stateKey, cancellationToken);
    }

    private async Task AbortAsync(string uploadId, CancellationToken cancellationToken)
    {
        Log.AbortingUpload(_context.Logger, _key, uploadId);
        try
        {
            await _context.Client.AbortMultipartUploadAsync(_context.Bucket, _key, uploadId, cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
        }
    }
}
