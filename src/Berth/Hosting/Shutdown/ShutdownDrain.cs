using Microsoft.Extensions.Options;

namespace Berth.Hosting.Shutdown;

/// <summary>
/// The first phase of stopping a node behind a load balancer. The host calls StoppingAsync before it stops Kestrel, so
/// the node turns unready (/healthz/ready answers 503) and keeps serving for Berth:DrainDelay while the balancer's
/// health checks notice; only then does Kestrel stop accepting connections and wait for in-flight requests, bounded by
/// Berth:ShutdownTimeout. SIGTERM fires ApplicationStopping before StoppingAsync runs; either marks the node unready.
/// </summary>
internal sealed class ShutdownDrain : IHostedLifecycleService
{
    private readonly BerthOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ShutdownDrain> _logger;
    private int _draining;
    private long _stoppingAt;

    public ShutdownDrain(IOptions<BerthOptions> options, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<ShutdownDrain> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        lifetime.ApplicationStopping.Register(MarkDraining);
    }

    public bool IsDraining => Volatile.Read(ref _draining) == 1;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        MarkDraining();
        try
        {
            await Task.Delay(_options.DrainDelay, _time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's whole shutdown budget ran out during the drain: stop now.
        }

        Log.StoppingServer(_logger, _options.ShutdownTimeout);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        Log.Stopped(_logger, _time.GetElapsedTime(Interlocked.Read(ref _stoppingAt)));
        return Task.CompletedTask;
    }

    private void MarkDraining()
    {
        if (Interlocked.Exchange(ref _draining, 1) == 0)
        {
            Interlocked.Exchange(ref _stoppingAt, _time.GetTimestamp());
            Log.Draining(_logger, _options.DrainDelay);
        }
    }
}
