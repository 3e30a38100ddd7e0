using Microsoft.Win32.SafeHandles;

namespace Berth.Storage.SharedReads;

/// <summary>
/// A local file that one fetch writes and any number of readers follow at their own pace while it grows, so one
/// stream from a remote source feeds many clients with flat memory. The last byte is held back until the writer
/// says the content is whole (<see cref="Complete"/>), so a reader never reaches the end of a fetch that then fails:
/// it gets the failure instead. The file is deleted when disposed; one that a dead process left behind is removed by
/// its owner's sweep at start (<see cref="Sweep"/>).
/// </summary>
public sealed class SpoolFile : IDisposable
{
    private const int Writing = 0;
    private const int Whole = 1;
    private const int Failed = 2;

    private readonly SafeFileHandle _file;
    private readonly string _what;
    private TaskCompletionSource _progress = NewSignal();
    private long _written;
    private int _state;
    private Exception? _failure;

    /// <param name="directory">Where the file goes; created when missing.</param>
    /// <param name="prefix">The file name's start, which <see cref="Sweep"/> looks for.</param>
    /// <param name="what">What is being fetched, for the error a reader gets when the fetch fails ("Fetching x from y").</param>
    public SpoolFile(string directory, string prefix, string what)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        _what = what;
        Directory.CreateDirectory(directory);
        _file = File.OpenHandle(
            Path.Combine(directory, prefix + Guid.NewGuid().ToString("N")),
            FileMode.CreateNew,
            FileAccess.ReadWrite,
            FileShare.None,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);
    }

    /// <summary>Bytes written so far.</summary>
    public long Written => Volatile.Read(ref _written);

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
        await RandomAccess.WriteAsync(_file, data, _written, cancellationToken);
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
                return await RandomAccess.ReadAsync(_file, buffer[..count], position, cancellationToken);
            }

            if (state == Whole)
            {
                return 0;
            }

            await progress.WaitAsync(cancellationToken);
        }
    }

    public void Dispose() => _file.Dispose();

    private void Signal() => Interlocked.Exchange(ref _progress, NewSignal()).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
