using System.Buffers;

namespace Berth.Storage.Conformance;

public abstract partial class StorageDriverConformanceTests
{
    /// <summary>
    /// A request body arrives as a sequence of transport buffers and is written as one: every segment lands in order
    /// after what came before (more segments than one gather write takes, sizes uneven), and a later writer continues it.
    /// </summary>
    [Fact]
    public async Task Writer_SequencesOfSegments_AreWrittenInOrderAndContinuedByTheNextWriter()
    {
        var path = PathUnderRoot("sequences/data");
        var content = TestContent.Bytes(300_000, 7);
        await using (var writer = await Driver.CreateWriterAsync(path, append: false, None))
        {
            await writer.WriteAsync(content.AsMemory(0, 1000), None);
            await writer.WriteAsync(Segments(content.AsMemory(1000, 199_000), 150), None);
            Assert.Equal(200_000, writer.Size);
            await writer.CloseAsync(None);
        }

        await using (var writer = await CreateSecondDriver().CreateWriterAsync(path, append: true, None))
        {
            await writer.WriteAsync(Segments(content.AsMemory(200_000), 3), None);
            await writer.WriteAsync(new ReadOnlySequence<byte>(content.AsMemory(300_000)), None);
            Assert.Equal(content.Length, writer.Size);
            await writer.CommitAsync(None);
        }

        Assert.Equal(content, await Driver.GetContentAsync(path, None));
    }

    /// <summary>The memory as <paramref name="count"/> linked segments of uneven sizes (none empty).</summary>
    private static ReadOnlySequence<byte> Segments(ReadOnlyMemory<byte> memory, int count)
    {
        var random = new Random(count);
        Segment? first = null, last = null;
        for (var i = 0; i < count; i++)
        {
            var left = count - i;
            var size = left == 1 ? memory.Length : random.Next(1, (2 * memory.Length / left) - 1);
            last = last is null ? first = new Segment(memory[..size], 0) : last.Append(memory[..size]);
            memory = memory[size..];
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
