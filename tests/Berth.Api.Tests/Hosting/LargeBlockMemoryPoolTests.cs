using Berth.Hosting.Transport;

namespace Berth.Api.Tests.Hosting;

public sealed class LargeBlockMemoryPoolTests
{
    [Fact]
    public void Rent_GivesWholeBlocksWhateverTheHint()
    {
        using var pool = new LargeBlockMemoryPool();

        using var small = pool.Rent(1);
        using var any = pool.Rent();

        Assert.Equal(LargeBlockMemoryPool.BlockSize, small.Memory.Length);
        Assert.Equal(LargeBlockMemoryPool.BlockSize, any.Memory.Length);
        Assert.Equal(LargeBlockMemoryPool.BlockSize, pool.MaxBufferSize);
    }

    [Fact]
    public void Rent_AfterReturn_ReusesTheBlock()
    {
        using var pool = new LargeBlockMemoryPool();
        var first = pool.Rent();
        first.Memory.Span[0] = 42;
        first.Dispose();

        using var second = pool.Rent();

        Assert.Same(first, second);
    }

    [Fact]
    public void Rent_BeyondBlockSize_Throws()
    {
        using var pool = new LargeBlockMemoryPool();

        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent(LargeBlockMemoryPool.BlockSize + 1));
    }

    [Fact]
    public void Return_BeyondTheRetentionCap_DropsBlocks()
    {
        using var pool = new LargeBlockMemoryPool();
        var blocks = Enumerable.Range(0, LargeBlockMemoryPool.MaxRetainedBlocks + 10).Select(_ => pool.Rent()).ToList();
        blocks.ForEach(b => b.Dispose());

        var reused = Enumerable.Range(0, LargeBlockMemoryPool.MaxRetainedBlocks + 10).Select(_ => pool.Rent()).Count(blocks.Contains);

        Assert.Equal(LargeBlockMemoryPool.MaxRetainedBlocks, reused);
    }
}
