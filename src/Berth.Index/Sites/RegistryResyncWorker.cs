using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Berth.Index.Sites;

/// <summary>Resynchronises every registered registry every Index:RegistryResyncInterval (none when zero).</summary>
internal sealed class RegistryResyncWorker(RegistrySites sites, RegistryResync resync, IOptions<IndexOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.RegistryResyncInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var registry in await sites.ListAsync(stoppingToken))
            {
                try
                {
                    await resync.RunAsync(registry.Name, null, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // Logged and recorded as the registry's last error by RegistryResync; the next registry still gets its turn.
                }
            }
        }
    }
}
