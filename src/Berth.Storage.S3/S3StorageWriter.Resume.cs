using System.Globalization;
using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace Berth.Storage.S3;

/// <summary>How a writer takes over what an earlier writer of its path left: continued (append) or discarded.</summary>
internal sealed partial class S3StorageWriter
{
    private async Task ResumeAsync(CancellationToken cancellationToken)
    {
        GetObjectMetadataResponse state;
        try
        {
            state = await _context.Client.GetObjectMetadataAsync(_context.Bucket, _stateKey, cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new StorageNotFoundException(_path, e);
        }

        var uploadId = state.Metadata[S3WriterState.UploadId];
        var partCount = int.Parse(state.Metadata[S3WriterState.Parts] ?? "0", CultureInfo.InvariantCulture);
        var pieceCount = int.Parse(state.Metadata[S3WriterState.Pieces] ?? "0", CultureInfo.InvariantCulture);
        var firstPiece = int.Parse(state.Metadata[S3WriterState.FirstPiece] ?? "1", CultureInfo.InvariantCulture);
        var size = long.Parse(state.Metadata[S3WriterState.Size] ?? "0", CultureInfo.InvariantCulture);
        if (!string.IsNullOrEmpty(uploadId))
        {
            _uploadId = uploadId;
            await LoadPartsAsync(uploadId, partCount, cancellationToken);
        }

        if (state.ContentLength > 0)
        {
            // A writer of an earlier version kept its tail in the state object itself.
            using var legacy = await _context.Client.GetObjectAsync(_context.Bucket, _stateKey, cancellationToken);
            await _buffer.AppendAsync(legacy.ResponseStream, cancellationToken);
        }

        var pieceBytes = size - _uploadedBytes - _buffer.Length;
        if (_parts.Count != partCount || pieceBytes < 0 || (pieceCount == 0 && pieceBytes != 0))
        {
            throw new IOException($"The writer state of {_path} records {size} bytes in {partCount} parts and {pieceCount} pieces, but the store holds {_uploadedBytes + _buffer.Length} bytes in {_parts.Count} parts besides the pieces.");
        }

        _pieces.Restore(firstPiece, pieceCount, pieceBytes);
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

        var earlier = new S3TailPieces(_context, _stateKey);
        earlier.Restore(
            int.Parse(state.Metadata[S3WriterState.FirstPiece] ?? "1", CultureInfo.InvariantCulture),
            int.Parse(state.Metadata[S3WriterState.Pieces] ?? "0", CultureInfo.InvariantCulture),
            0);
        await earlier.DeleteAsync([_stateKey, .. earlier.AllKeys], cancellationToken);
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
