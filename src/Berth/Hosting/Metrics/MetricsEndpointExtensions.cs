using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Berth.Hosting.Metrics;

/// <summary>
/// Prometheus text at /metrics, served only on its own listener (Berth:MetricsListen), never on the public one: a
/// proxy forwarding everything (docs/deployment.md's <c>location /</c>) cannot expose it, and the metrics listener
/// answers nothing but /metrics and /healthz, so it is no way around the proxy either. Without Berth:MetricsListen
/// there is no /metrics.
/// </summary>
internal static class MetricsEndpointExtensions
{
    public const string Path = "/metrics";

    /// <summary>Tags the metrics listener's connections, so the request pipeline knows where a request came in.</summary>
    public static void UseMetricsMarker(this ListenOptions listen) =>
        listen.Use(next => connection =>
        {
            connection.Features.Set(MetricsConnection.Instance);
            return next(connection);
        });

    public static WebApplication UseMetricsListener(this WebApplication app)
    {
        app.UseOpenTelemetryPrometheusScrapingEndpoint(context => IsMetricsConnection(context) && context.Request.Path == Path);
        app.Use((context, next) =>
            IsMetricsConnection(context) && !context.Request.Path.StartsWithSegments("/healthz", StringComparison.Ordinal)
                ? Results.NotFound().ExecuteAsync(context)
                : next(context));
        return app;
    }

    private static bool IsMetricsConnection(HttpContext context) => context.Features.Get<MetricsConnection>() is not null;
}
