using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Berth.Hosting.Shutdown;

/// <summary>Graceful shutdown behind a load balancer: readiness, drain delay, bounded wait for in-flight requests.</summary>
internal static class ShutdownServiceCollectionExtensions
{
    public static IServiceCollection AddGracefulShutdown(this IServiceCollection services, BerthOptions berth)
    {
        services.AddSingleton<ShutdownDrain>();
        services.AddHostedService(sp => sp.GetRequiredService<ShutdownDrain>());

        // The host's budget covers every stopping phase: the drain comes out of it before Kestrel's wait begins.
        services.Configure<HostOptions>(o => o.ShutdownTimeout = berth.DrainDelay + berth.ShutdownTimeout);
        services.AddHealthChecks().AddCheck<ReadinessHealthCheck>(ReadinessHealthCheck.Tag, tags: [ReadinessHealthCheck.Tag]);
        return services;
    }

    /// <summary>/healthz: liveness, every check but readiness; /healthz/ready: every check.</summary>
    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = c => !c.Tags.Contains(ReadinessHealthCheck.Tag) });
        app.MapHealthChecks("/healthz/ready");
        return app;
    }
}
