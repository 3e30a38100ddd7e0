namespace Berth.Storage.Conformance.Interception;

/// <summary>
/// A test decorator that makes any driver unreliable: each call fails before it reaches the store, fails after its
/// effect happened (for writes: the caller sees an error though the store changed), times out or is slowed, at random
/// but from a seed, so a failing run can be replayed. <see cref="Enabled"/> turns the faults off to inspect the store;
/// <see cref="QuietCallsAfterFault"/> and <see cref="MayFail"/> schedule them so that a retrying client makes progress.
/// </summary>
public sealed class FaultInjectingStorageDriver(IStorageDriver inner, int seed, double faultRate) : InterceptingStorageDriver(inner)
{
    private readonly Random _random = new(seed);
    private int _injected;
    private int _quietLeft;

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How many calls after each injected failure pass undisturbed: a client that retries what failed gets this many
    /// calls of a healthy store, so a retry that needs fewer is bound to succeed (a schedule with forward progress).
    /// </summary>
    public int QuietCallsAfterFault { get; init; }

    /// <summary>Whether this call may be disturbed now (failed, timed out or slowed); by default every call may.</summary>
    public Func<StorageCall, bool> MayFail { get; set; } = _ => true;

    /// <summary>Told of every call the inner driver completed, before a failure after it may be injected.</summary>
    public Action<StorageCall> Completed { get; set; } = _ => { };

    /// <summary>How many faults (failures and timeouts, not slow calls) were injected so far.</summary>
    public int Injected => Volatile.Read(ref _injected);

    protected override async Task BeforeAsync(StorageCall call, CancellationToken cancellationToken)
    {
        switch (Draw(call))
        {
            case < 0.25:
                Fail(new IOException($"Injected failure before {call}."));
                break;
            case < 0.35:
                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
                Fail(new TimeoutException($"Injected timeout of {call}."));
                break;
            case < 0.6:
                await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
                break;
        }
    }

    protected override Task AfterAsync(StorageCall call, CancellationToken cancellationToken)
    {
        Completed(call);
        if (call.Writes && Draw(call) < 0.25)
        {
            Fail(new IOException($"Injected failure after {call} completed."));
        }

        return Task.CompletedTask;
    }

    /// <summary>A number in [0, 1) when this call is to be disturbed (with probability faultRate), else 1.</summary>
    private double Draw(StorageCall call)
    {
        if (!Enabled || !MayFail(call))
        {
            return 1;
        }

        lock (_random)
        {
            if (_quietLeft > 0)
            {
                _quietLeft--;
                return 1;
            }

            return _random.NextDouble() < faultRate ? _random.NextDouble() : 1;
        }
    }

    private void Fail(Exception exception)
    {
        lock (_random)
        {
            _quietLeft = QuietCallsAfterFault;
        }

        Interlocked.Increment(ref _injected);
        throw exception;
    }
}
