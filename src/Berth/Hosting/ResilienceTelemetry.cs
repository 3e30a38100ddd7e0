using Polly.Telemetry;

namespace Berth.Hosting;

/// <summary>
/// Polly logs every retried attempt at Warning with the exception's whole stack trace, once per attempt. The outgoing
/// clients (mirror upstream, Swift, Glance, notifications) log their own outcome in one line with the cause, so Polly's
/// events are kept for Debug, where a stack trace helps and does not flood an operator's log.
/// </summary>
internal static class ResilienceTelemetry
{
    public static IServiceCollection AddResilienceEventsAtDebug(this IServiceCollection services) =>
        services.Configure<TelemetryOptions>(telemetry => telemetry.SeverityProvider = args =>
            args.Event.Severity == ResilienceEventSeverity.None ? ResilienceEventSeverity.None : ResilienceEventSeverity.Debug);
}
