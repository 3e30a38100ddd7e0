using System.Buffers;
using System.Collections.Concurrent;

namespace Berth.Hosting.Transport;

/// <summary>
/// Kestrel's default pool hands out 4 KiB blocks, so the socket transport receives an upload 2–4 KiB per system call:
/// 262,000 recvfrom calls for a 512 MiB layer, measured with strace. A registry's requests are mostly large bodies, so
/// this pool hands out 64 KiB blocks (pinned, reused), cutting receive calls and pipe round-trips by 16–32×.
/// At most <see cref="MaxRetainedBlocks"/> idle blocks are kept; beyond that returned blocks go to the GC.
/// </summary>
internal sealed class LargeBlockMemoryPool : MemoryPool<byte>
{
    public const int BlockSize = 64 * 1024;
    public const int MaxRetainedBlocks = 512;

    private readonly ConcurrentQueue<Block> _idle = new();
    private int _idleCount;

    public override int MaxBufferSize => BlockSize;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minBufferSize, BlockSize);
        if (_idle.TryDequeue(out var block))
        {
            Interlocked.Decrement(ref _idleCount);
            return block;
        }

        return new Block(this);
    }

    protected override void Dispose(bool disposing) => _idle.Clear();

    private void Return(Block block)
    {
        if (Interlocked.Increment(ref _idleCount) <= MaxRetainedBlocks)
        {
            _idle.Enqueue(block);
        }
        else
        {
            Interlocked.Decrement(ref _idleCount);
        }
    }

    private sealed class Block(LargeBlockMemoryPool pool) : IMemoryOwner<byte>
    {
        public Memory<byte> Memory { get; } = GC.AllocateUninitializedArray<byte>(BlockSize, pinned: true);

        public void Dispose() => pool.Return(this);
    }
}
