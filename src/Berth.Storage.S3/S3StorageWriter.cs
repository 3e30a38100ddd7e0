using System.Globalization;
using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace Berth.Storage.S3;

/// <summary>
/// Streams an object to S3 as a multipart upload, holding at most one part in memory. Close uploads the buffered
/// tail as a part when S3 allows it (5 MiB), else stores it as a tail piece (<see cref="S3TailPieces"/>), and records
/// the upload id, parts and pieces in a small writer-state object beside the target, so a writer in any process can
/// continue; Commit completes the upload (or, for content smaller than one part, puts it in one request, or copies its
/// only piece) and removes the state and pieces.
/// </summary>
internal sealed partial class S3StorageWriter : IStorageWriter
{
    private readonly S3StorageContext _context;
    private readonly string _path;
    private readonly string _key;
    private readonly string _stateKey;
    private readonly List<PartETag> _parts = [];
    private readonly S3TailPieces _pieces;
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
        _pieces = new S3TailPieces(context, _stateKey);
    }

    public long Size => _finished ? _finalSize : _uploadedBytes + _pieces.Bytes + _buffer.Length;

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
            // Stored pieces come first in the next part; they are always fewer bytes than a part (Close folds them before).
            var partSize = S3PartSizes.ForPart(_parts.Count + 1, _context.PartSize);
            buffer = buffer[_buffer.Append(buffer.Span, partSize - (int)_pieces.Bytes)..];
            if (_pieces.Bytes + _buffer.Length == partSize)
            {
                await ReadPiecesBackAsync(cancellationToken);
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
            if (_pieces.Bytes + _buffer.Length >= S3StorageOptions.MinimumPartSize)
            {
                await ReadPiecesBackAsync(cancellationToken);
                await UploadPartAsync(cancellationToken);
            }
            else if (_buffer.Length > 0)
            {
                await _pieces.AddAsync(_buffer, cancellationToken);
            }

            // The state names only parts and pieces already stored, so a crash between these requests loses nothing
            // acknowledged; pieces read back into a part are removed only once the state stops naming them.
            var request = new PutObjectRequest
            {
                BucketName = _context.Bucket,
                Key = _stateKey,
                InputStream = Stream.Null,
                UseChunkEncoding = false,
            };
            request.Metadata[S3WriterState.UploadId] = _uploadId ?? string.Empty;
            request.Metadata[S3WriterState.Parts] = _parts.Count.ToString(CultureInfo.InvariantCulture);
            request.Metadata[S3WriterState.Pieces] = _pieces.Count.ToString(CultureInfo.InvariantCulture);
            request.Metadata[S3WriterState.FirstPiece] = _pieces.First.ToString(CultureInfo.InvariantCulture);
            request.Metadata[S3WriterState.Size] = _finalSize.ToString(CultureInfo.InvariantCulture);
            await _context.Client.PutObjectAsync(request, cancellationToken);
            await _pieces.DeleteAsync([.. _pieces.ReadBackKeys], cancellationToken);
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
        if (_uploadId is not null)
        {
            await AbortAsync(_uploadId, cancellationToken);
        }

        await _pieces.DeleteAsync([_stateKey, .. _pieces.AllKeys], cancellationToken);
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
            if (_uploadId is null && _buffer.Length == 0 && _pieces.Count == 1)
            {
                // The whole content is one piece (a chunked upload of one chunk, then an empty PUT): copied in the store.
                await _context.Client.CopyObjectAsync(
                    new CopyObjectRequest { SourceBucket = _context.Bucket, SourceKey = _pieces.Key(_pieces.First), DestinationBucket = _context.Bucket, DestinationKey = key },
                    cancellationToken);
            }
            else if (_uploadId is null)
            {
                await ReadPiecesBackAsync(cancellationToken);
                await _context.Client.PutObjectAsync(
                    new PutObjectRequest { BucketName = _context.Bucket, Key = key, InputStream = _buffer.OpenRead(), UseChunkEncoding = false },
                    cancellationToken);
            }
            else
            {
                await ReadPiecesBackAsync(cancellationToken);
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
                await _pieces.DeleteAsync([_stateKey, .. _pieces.AllKeys], cancellationToken);
            }
        }
        finally
        {
            _buffer.Dispose();
        }
    }

    /// <summary>Puts the stored pieces in front of the buffered bytes, to go out as a part or as the object.</summary>
    private async Task ReadPiecesBackAsync(CancellationToken cancellationToken)
    {
        if (_pieces.Count == 0)
        {
            return;
        }

        var combined = new PartBuffer();
        try
        {
            await _pieces.ReadIntoAsync(combined, cancellationToken);
            await combined.AppendAsync(_buffer.OpenRead(), cancellationToken);
        }
        catch
        {
            combined.Dispose();
            throw;
        }

        _buffer.Dispose();
        _buffer = combined;
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
}
