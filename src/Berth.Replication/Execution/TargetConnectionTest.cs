using System.Net;
using Berth.Client;
using Berth.Index.Data.Replication;
using Berth.Replication.Model;

namespace Berth.Replication.Execution;

/// <summary>
/// Checks a target as replication will use it: /v2/ answers, and a read of a repository is not refused for the
/// credentials (a missing repository is fine; 401 means the credentials were refused).
/// </summary>
internal static class TargetConnectionTest
{
    private const string ProbeRepository = "berth-replication-check/probe";

    public static async Task<ConnectionCheck> RunAsync(ReplicationTargetRecord target, CancellationToken cancellationToken)
    {
        using var client = TargetClients.Create(target, 1, TimeSpan.FromSeconds(10));
        try
        {
            await client.PingAsync(cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or RegistryClientException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new ConnectionCheck(false, false, $"{target.Url} does not answer as a registry: {FailureMessage.Of(e)}");
        }

        try
        {
            await client.HeadManifestAsync(ProbeRepository, "latest", cancellationToken);
            return new ConnectionCheck(true, true, "The registry answers and accepts the credentials.");
        }
        catch (RegistryClientException e) when (e.StatusCode is HttpStatusCode.Unauthorized)
        {
            return new ConnectionCheck(true, false, $"The registry answers but refuses the credentials: {e.Message}");
        }
        catch (RegistryClientException e) when (e.StatusCode is HttpStatusCode.Forbidden)
        {
            return new ConnectionCheck(true, true, $"The registry accepts the credentials but denies reading: {e.Message}");
        }
        catch (Exception e) when (e is HttpRequestException or RegistryClientException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new ConnectionCheck(true, false, $"The registry answered /v2/ but failed a read: {e.Message}");
        }
    }
}
