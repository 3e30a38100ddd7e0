namespace Berth.Registry.GarbageCollection;

/// <summary>Bounds the storage requests one run has in flight, however the work inside it fans out.</summary>
internal sealed class GcGate(int concurrency) : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(concurrency, concurrency);

    public async Task<T> RunAsync<T>(Func<Task<T>> request, CancellationToken cancellationToken)
    {
        await _semaphore.WaitAsync(cancellationToken);
        try
        {
            return await request();
        }
        finally
        {
            _semaphore.Release();
        }
    }

    public async Task RunAsync(Func<Task> request, CancellationToken cancellationToken)
    {
        await _semaphore.WaitAsync(cancellationToken);
        try
        {
            await request();
        }
        finally
        {
            _semaphore.Release();
        }
    }

    public void Dispose() => _semaphore.Dispose();
}
