using System.Buffers;

namespace Berth.Storage.SharedReads;

/// <summary>
/// Content that one fetch writes and any number of readers follow at their own pace while it grows, so one stream
/// from a remote source feeds many clients. The last byte is held back until the writer says the content is whole
/// (<see cref="Complete"/>), so a reader never reaches the end of a fetch that then fails: it gets the failure
/// instead. The bytes go to a local file (flat memory for any size; deleted when disposed, and one that a dead process
/// left behind is removed by its owner's sweep at start, <see cref="Sweep"/>) or, for a small object of known size,
/// to memory (<see cref="InMemory"/>).
/// </summary>
public sealed class Spool : IDisposable
{
    private const int Writing = 0;
    private const int Whole = 1;
    private const int Failed = 2;

    private readonly ISpoolContent _content;
    private readonly string _what;
    private TaskCompletionSource _progress = NewSignal();
    private long _written;
    private int _state;
    private Exception? _failure;

    /// <summary>A spool in a new file in <paramref name="directory"/> (created when missing).</summary>
    /// <param name="directory">Where the file goes.</param>
    /// <param name="prefix">The file name's start, which <see cref="Sweep"/> looks for.</param>
    /// <param name="what">What is being fetched, for the error a reader gets when the fetch fails ("Fetching x from y").</param>
    public Spool(string directory, string prefix, string what)
        : this(new SpoolFileContent(directory, prefix), what)
    {
    }

    private Spool(ISpoolContent content, string what)
    {
        _content = content;
        _what = what;
    }

    /// <summary>Bytes written so far.</summary>
    public long Written => Volatile.Read(ref _written);

    /// <summary>A spool in memory, in blocks from <paramref name="pool"/>, for content of exactly <paramref name="size"/> bytes; a write past it fails.</summary>
    internal static Spool InMemory(long size, ArrayPool<byte> pool, string what) => new(new SpoolMemoryContent(size, pool), what);

    /// <summary>Removes the files with <paramref name="prefix"/> that a process which died left in <paramref name="directory"/>; returns how many.</summary>
    public static int Sweep(string directory, string prefix)
    {
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(directory, prefix + "*"))
        {
            try
            {
                File.Delete(file);
                removed++;
            }
            catch (IOException)
            {
                // Held by another process on a system that forbids deleting open files: its owner deletes it at close.
            }
        }

        return removed;
    }

    /// <summary>Appends the next bytes; one writer at a time.</summary>
    public async ValueTask AppendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await _content.WriteAsync(_written, data, cancellationToken);
        Volatile.Write(ref _written, _written + data.Length);
        Signal();
    }

    /// <summary>The content is whole: readers may read the last byte and then see the end.</summary>
    public void Complete()
    {
        Volatile.Write(ref _state, Whole);
        Signal();
    }

    /// <summary>The fetch failed: every read from now on throws an <see cref="IOException"/> carrying <paramref name="failure"/>.</summary>
    public void Fail(Exception failure)
    {
        _failure = failure;
        Volatile.Write(ref _state, Failed);
        Signal();
    }

    /// <summary>Reads at <paramref name="position"/>, waiting for the fetch to get there; 0 at the end of whole content.</summary>
    public async ValueTask<int> ReadAsync(long position, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            // Taken before the state so that a change after this point has completed the signal awaited below.
            var progress = Volatile.Read(ref _progress).Task;
            var state = Volatile.Read(ref _state);
            var written = Volatile.Read(ref _written);
            if (state == Failed)
            {
                throw new IOException($"{_what} failed: {_failure?.Message}", _failure);
            }

            var readable = state == Whole ? written : written - 1;
            if (position < readable)
            {
                var count = (int)Math.Min(buffer.Length, readable - position);
                return await _content.ReadAsync(position, buffer[..count], cancellationToken);
            }

            if (state == Whole)
            {
                return 0;
            }

            await progress.WaitAsync(cancellationToken);
        }
    }

    public void Dispose() => _content.Dispose();

    private void Signal() => Interlocked.Exchange(ref _progress, NewSignal()).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
