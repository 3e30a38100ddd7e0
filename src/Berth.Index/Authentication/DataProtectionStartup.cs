using Berth.Index.Data;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Berth.Index.Authentication;

/// <summary>
/// Runs after the index's migrations, before the server serves: imports key files of earlier versions, then makes
/// sure the shared key ring has a usable key. Nodes starting together on one PostgreSQL database take turns (the
/// migration lock), so they do not each create a first key: a node caches its key ring and, past its first minutes,
/// would not look for a key another node created at the same moment, refusing that node's cookies until it refreshes.
/// </summary>
internal sealed class DataProtectionStartup(
    DataProtectionKeyImport import,
    IndexDbContextFactory db,
    IKeyManager keys,
    IOptions<KeyManagementOptions> options,
    TimeProvider time) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await import.ImportAsync(cancellationToken);
        await db.RunExclusiveAsync(
            _ =>
            {
                var now = time.GetUtcNow();
                if (!keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now))
                {
                    keys.CreateNewKey(now, now + options.Value.NewKeyLifetime);
                }

                return Task.CompletedTask;
            },
            cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
