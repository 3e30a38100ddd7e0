using Microsoft.Extensions.Hosting;

namespace Berth.Index;

/// <summary>Runs the index's initialisation before the server accepts requests.</summary>
internal sealed class IndexStartup(IndexInitializer initializer) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => initializer.InitializeAsync(bootstrap: true, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
