using System.Diagnostics;

namespace Berth.Hosting.RequestLogging;

/// <summary>One structured log line per request: method, path, status, bytes in and out, duration, client address.</summary>
internal sealed class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger, TimeProvider timeProvider)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = timeProvider.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            if (logger.IsEnabled(LogLevel.Information))
            {
                var client = context.Connection.RemoteIpAddress?.ToString() ?? string.Empty;
                var elapsedMs = timeProvider.GetElapsedTime(started).TotalMilliseconds;
                var traceId = Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
                Log.RequestCompleted(
                    logger,
                    context.Request.Method,
                    context.Request.Path.Value ?? string.Empty,
                    context.Response.StatusCode,
                    context.Request.ContentLength ?? 0,
                    context.Response.ContentLength ?? -1,
                    elapsedMs,
                    client,
                    traceId);
            }
        }
    }
}
