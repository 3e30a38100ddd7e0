using System.Collections.Concurrent;

namespace Berth.Storage.Conformance.Interception;

/// <summary>
/// A test decorator that holds the calls a test names until the test releases them, to force one interleaving of
/// concurrent work (a push and a garbage collection) deterministically instead of hoping a stress run hits it.
/// </summary>
public sealed class PausingStorageDriver(IStorageDriver inner) : InterceptingStorageDriver(inner)
{
    private readonly ConcurrentDictionary<Hold, byte> _holds = new();

    /// <summary>Holds every call matching <paramref name="match"/>, before it reaches the store, until the hold is released.</summary>
    public Hold HoldBefore(Func<StorageCall, bool> match)
    {
        var hold = new Hold(match, this);
        _holds.TryAdd(hold, 0);
        return hold;
    }

    protected override async Task BeforeAsync(StorageCall call, CancellationToken cancellationToken)
    {
        foreach (var hold in _holds.Keys)
        {
            if (hold.Matches(call))
            {
                await hold.WaitAsync(call, cancellationToken);
            }
        }
    }

    /// <summary>Calls held back until <see cref="Release"/>; <see cref="Reached"/> completes with the first one held.</summary>
    public sealed class Hold(Func<StorageCall, bool> match, PausingStorageDriver driver)
    {
        private readonly TaskCompletionSource<StorageCall> _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<StorageCall> Reached => _reached.Task;

        public void Release()
        {
            driver._holds.TryRemove(this, out _);
            _released.TrySetResult();
        }

        internal bool Matches(StorageCall call) => !_released.Task.IsCompleted && match(call);

        internal Task WaitAsync(StorageCall call, CancellationToken cancellationToken)
        {
            _reached.TrySetResult(call);
            return _released.Task.WaitAsync(cancellationToken);
        }
    }
}
