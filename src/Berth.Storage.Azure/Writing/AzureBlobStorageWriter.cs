using System.Buffers;
using System.Globalization;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Berth.Storage.Azure.Writing;

/// <summary>
/// Buffers up to BlockSize in a pooled array and stages it as a block of a staging blob private to this writer
/// ("{Prefix}blocks/{path}/{writer id}" in the staging container). Close commits the block list of the staging blob,
/// so its content is durable, and writes the pending record "{Prefix}pending/{path}" naming it; a writer opened with
/// append on any node reads the record and the committed block list and stages further blocks on the same blob.
/// Commit copies the staging blob over the path server-side, in one step readers never see half-done, and deletes
/// the staging blob. Staging per writer (not on the target blob) is what keeps concurrent writers to one path apart:
/// committing a target's block list discards every other uncommitted block of that blob.
/// </summary>
internal sealed class AzureBlobStorageWriter : IStorageWriter
{
    private readonly AzureWriterSettings _settings;
    private readonly string _relative;
    private readonly BlockBlobClient _staging;
    private readonly List<string> _blockIds;
    private byte[]? _buffer;
    private int _buffered;
    private bool _done;
    private bool _faulted;

    private AzureBlobStorageWriter(AzureWriterSettings settings, string relative, BlockBlobClient staging, List<string> blockIds, long size)
    {
        _settings = settings;
        _relative = relative;
        _staging = staging;
        _blockIds = blockIds;
        Size = size;
    }

    public long Size { get; private set; }

    public static async Task<AzureBlobStorageWriter> OpenAsync(AzureWriterSettings settings, string path, bool append, CancellationToken cancellationToken)
    {
        var relative = path[1..];
        var pending = settings.Staging.GetBlobClient(settings.PendingName(relative));
        if (!append)
        {
            await DiscardPendingAsync(settings, pending, cancellationToken);
            var fresh = settings.Staging.GetBlockBlobClient(settings.BlocksPrefix(relative) + Guid.NewGuid().ToString("N"));
            return new AzureBlobStorageWriter(settings, relative, fresh, [], 0);
        }

        var stagingName = await AzureBlobs.ReadTextAsync(pending, cancellationToken) ?? throw new StorageNotFoundException(path);
        var staging = settings.Staging.GetBlockBlobClient(stagingName);
        try
        {
            var blocks = (await staging.GetBlockListAsync(BlockListTypes.Committed, cancellationToken: cancellationToken)).Value.CommittedBlocks;
            return new AzureBlobStorageWriter(settings, relative, staging, [.. blocks.Select(b => b.Name)], blocks.Sum(b => b.SizeLong));
        }
        catch (RequestFailedException e) when (AzureBlobs.IsNotFound(e))
        {
            throw new StorageNotFoundException(path, e);
        }
    }

    public static async Task<long> ReadAppendableSizeAsync(AzureWriterSettings settings, string path, CancellationToken cancellationToken)
    {
        var pending = settings.Staging.GetBlobClient(settings.PendingName(path[1..]));
        var stagingName = await AzureBlobs.ReadTextAsync(pending, cancellationToken) ?? throw new StorageNotFoundException(path);
        try
        {
            var blocks = await settings.Staging.GetBlockBlobClient(stagingName).GetBlockListAsync(BlockListTypes.Committed, cancellationToken: cancellationToken);
            return blocks.Value.CommittedBlocks.Sum(b => b.SizeLong);
        }
        catch (RequestFailedException e) when (AzureBlobs.IsNotFound(e))
        {
            throw new StorageNotFoundException(path, e);
        }
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        try
        {
            while (!buffer.IsEmpty)
            {
                _buffer ??= ArrayPool<byte>.Shared.Rent(_settings.BlockSize);
                var count = Math.Min(buffer.Length, _settings.BlockSize - _buffered);
                buffer.Span[..count].CopyTo(_buffer.AsSpan(_buffered));
                _buffered += count;
                Size += count;
                buffer = buffer[count..];
                if (_buffered == _settings.BlockSize)
                {
                    await StageBufferAsync(cancellationToken);
                }
            }
        }
        catch
        {
            _faulted = true;
            throw;
        }
    }

    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (_done)
        {
            return;
        }

        await FinishAsync(cancellationToken);
        var pending = _settings.Staging.GetBlobClient(_settings.PendingName(_relative));
        await pending.UploadAsync(BinaryData.FromString(_staging.Name), overwrite: true, cancellationToken);
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        await FinishAsync(cancellationToken);
        await AzureBlobs.CopyAsync(_staging, _settings.Container.GetBlobClient(_settings.Prefix + _relative), _settings.Time, cancellationToken);
        await _settings.Staging.GetBlobClient(_settings.PendingName(_relative)).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        await _staging.DeleteIfExistsAsync(cancellationToken: cancellationToken);
    }

    /// <summary>The commit already copies the staged blob to its target; a move after it is one more server-side copy.</summary>
    public Task<bool> TryCommitToAsync(string destinationPath, CancellationToken cancellationToken) => Task.FromResult(false);

    public async Task CancelAsync(CancellationToken cancellationToken)
    {
        _done = true;
        ReleaseBuffer();
        await DiscardStagingAsync(_staging, cancellationToken);
        await DiscardPendingAsync(_settings, _settings.Staging.GetBlobClient(_settings.PendingName(_relative)), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_done)
        {
            return;
        }

        if (_faulted)
        {
            // What a failed write left is not known to be whole: keep the last closed state.
            _done = true;
            ReleaseBuffer();
            return;
        }

        await CloseAsync(CancellationToken.None);
    }

    /// <summary>Deletes a pending record and the staging blob it names.</summary>
    internal static async Task<bool> DiscardPendingAsync(AzureWriterSettings settings, BlobClient pending, CancellationToken cancellationToken)
    {
        if (await AzureBlobs.ReadTextAsync(pending, cancellationToken) is not { } stagingName)
        {
            return false;
        }

        await DiscardStagingAsync(settings.Staging.GetBlockBlobClient(stagingName), cancellationToken);
        await pending.DeleteIfExistsAsync(cancellationToken: cancellationToken);
        return true;
    }

    /// <summary>
    /// Uncommitted blocks cannot be deleted, only discarded by a commit: committing an empty list frees them now
    /// rather than after Azure's seven days, and the blob is private to one writer, so nobody sees it.
    /// </summary>
    internal static async Task DiscardStagingAsync(BlockBlobClient staging, CancellationToken cancellationToken)
    {
        await staging.CommitBlockListAsync([], cancellationToken: cancellationToken);
        await staging.DeleteIfExistsAsync(cancellationToken: cancellationToken);
    }

    private async Task FinishAsync(CancellationToken cancellationToken)
    {
        if (_faulted)
        {
            throw new InvalidOperationException("A write failed; open a new writer with append to continue from the last close.");
        }

        _done = true;
        try
        {
            if (_buffered > 0)
            {
                await StageBufferAsync(cancellationToken);
            }

            await _staging.CommitBlockListAsync(_blockIds, cancellationToken: cancellationToken);
        }
        finally
        {
            ReleaseBuffer();
        }
    }

    private async Task StageBufferAsync(CancellationToken cancellationToken)
    {
        // Every block id of a blob must have the same length; the index keeps them in order.
        var id = Convert.ToBase64String(Encoding.ASCII.GetBytes(_blockIds.Count.ToString("D10", CultureInfo.InvariantCulture)));
        using (var block = new MemoryStream(_buffer!, 0, _buffered, writable: false))
        {
            await _staging.StageBlockAsync(id, block, options: null, cancellationToken);
        }

        _blockIds.Add(id);
        _buffered = 0;
    }

    private void ReleaseBuffer()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
