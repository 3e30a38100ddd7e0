namespace Berth.Storage.Conformance.Interception;

/// <summary>
/// A test decorator that makes any driver unreliable: each call fails before it reaches the store, fails after its
/// effect happened (for writes: the caller sees an error though the store changed), times out or is slowed, at random
/// but from a seed, so a failing run can be replayed. <see cref="Enabled"/> turns the faults off to inspect the store.
/// </summary>
public sealed class FaultInjectingStorageDriver(IStorageDriver inner, int seed, double faultRate) : InterceptingStorageDriver(inner)
{
    private readonly Random _random = new(seed);
    private int _injected;

    public bool Enabled { get; set; } = true;

    /// <summary>How many faults (failures and timeouts, not slow calls) were injected so far.</summary>
    public int Injected => Volatile.Read(ref _injected);

    protected override async Task BeforeAsync(StorageCall call, CancellationToken cancellationToken)
    {
        switch (Draw())
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
        if (call.Writes && Draw() < 0.25)
        {
            Fail(new IOException($"Injected failure after {call} completed."));
        }

        return Task.CompletedTask;
    }

    /// <summary>A number in [0, 1) when this call is to be disturbed (with probability faultRate), else 1.</summary>
    private double Draw()
    {
        if (!Enabled)
        {
            return 1;
        }

        lock (_random)
        {
            return _random.NextDouble() < faultRate ? _random.NextDouble() : 1;
        }
    }

    private void Fail(Exception exception)
    {
        Interlocked.Increment(ref _injected);
        throw exception;
    }
}
