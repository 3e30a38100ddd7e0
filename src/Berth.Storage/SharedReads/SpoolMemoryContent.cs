using System.Buffers;

namespace Berth.Storage.SharedReads;

/// <summary>
/// A spool's bytes in pooled memory blocks, for an object whose size is known and small: a reader's read is a copy,
/// with no file to create, write, read back through the page cache and delete. The blocks come from the owner's pool
/// (<see cref="BlockSize"/> each) and go back to it when the spool is disposed.
/// </summary>
internal sealed class SpoolMemoryContent(long size, ArrayPool<byte> pool) : ISpoolContent
{
    public const int BlockSize = 256 * 1024;

    private readonly byte[]?[] _blocks = new byte[]?[checked((int)((size + BlockSize - 1) / BlockSize))];
    private int _disposed;

    public ValueTask WriteAsync(long position, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (position + data.Length > size)
        {
            throw new IOException($"The store sent more than the {size} bytes it announced.");
        }

        while (!data.IsEmpty)
        {
            var index = (int)(position / BlockSize);
            var offset = (int)(position % BlockSize);
            var block = _blocks[index] ??= pool.Rent(BlockSize);
            var count = Math.Min(data.Length, BlockSize - offset);
            data.Span[..count].CopyTo(block.AsSpan(offset));
            data = data[count..];
            position += count;
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<int> ReadAsync(long position, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var offset = (int)(position % BlockSize);
        var block = _blocks[(int)(position / BlockSize)]!;
        var count = Math.Min(buffer.Length, BlockSize - offset);
        block.AsSpan(offset, count).CopyTo(buffer.Span);
        return ValueTask.FromResult(count);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var block in _blocks)
        {
            if (block is not null)
            {
                pool.Return(block);
            }
        }
    }
}
