namespace Berth.Storage.Tests.SharedReads;

/// <summary>How far the store's streams may go (an object position), and what they do there once told.</summary>
internal sealed class Tap
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _allowed = long.MaxValue;
    private Exception? _failure;
    private bool _ended;

    /// <summary>Streams stop at <paramref name="position"/> and wait.</summary>
    public void HoldAt(long position) => Change(() => _allowed = position);

    public void Open() => Change(() => _allowed = long.MaxValue);

    /// <summary>A stream waiting at the hold throws <paramref name="failure"/> (a connection reset).</summary>
    public void Fail(Exception failure) => Change(() => _failure = failure);

    /// <summary>A stream waiting at the hold ends there, as a cut connection may look to a client.</summary>
    public void EndEarly() => Change(() => _ended = true);

    internal (long Allowed, Exception? Failure, bool Ended, Task Changed) State()
    {
        lock (_gate)
        {
            return (_allowed, _failure, _ended, _changed.Task);
        }
    }

    private void Change(Action change)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            change();
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }
}
