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
                LogCompleted(context, timeProvider.GetElapsedTime(started).TotalMilliseconds);
            }
        }
    }

    private void LogCompleted(HttpContext context, double elapsedMs)
    {
        var request = context.Request;
        Log.RequestCompleted(
            logger,
            request.Method,
            request.Path.Value ?? string.Empty,
            context.Response.StatusCode,
            request.ContentLength ?? 0,
            context.Response.ContentLength ?? -1,
            elapsedMs,
            context.Connection.RemoteIpAddress?.ToString() ?? string.Empty,
            Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier);
    }
}
