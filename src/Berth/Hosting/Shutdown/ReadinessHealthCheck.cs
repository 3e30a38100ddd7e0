using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Berth.Hosting.Shutdown;

/// <summary>Unhealthy from the moment the node starts stopping, so /healthz/ready takes it out of the balancer first.</summary>
internal sealed class ReadinessHealthCheck(ShutdownDrain drain) : IHealthCheck
{
    public const string Tag = "ready";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(drain.IsDraining ? HealthCheckResult.Unhealthy("The node is shutting down.") : HealthCheckResult.Healthy());
}
