using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace Berth.Hosting.RequestLogging;

/// <summary>
/// One structured log line per request: method, path, status, bytes in and out, duration, client address. "out" is
/// what was sent, counted, not the declared Content-Length: a response the client aborted mid-body says so and how
/// far it got. Kestrel flags RequestAborted from the thread pool, so a handler can return from a cut-short response
/// before the flag is up: a body shorter than its declared Content-Length, or a write that found the connection gone,
/// is an aborted response too.
/// </summary>
internal sealed class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger, TimeProvider timeProvider)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!logger.IsEnabled(LogLevel.Information))
        {
            await next(context);
            return;
        }

        var started = timeProvider.GetTimestamp();
        var body = new CountingResponseBodyFeature(context.Features.GetRequiredFeature<IHttpResponseBodyFeature>());
        context.Features.Set<IHttpResponseBodyFeature>(body);
        try
        {
            await next(context);
        }
        finally
        {
            var client = context.Connection.RemoteIpAddress?.ToString() ?? string.Empty;
            var elapsedMs = timeProvider.GetElapsedTime(started).TotalMilliseconds;
            var traceId = Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
            var method = context.Request.Method;
            // Escaped as on the wire: a path with a decoded line break must not forge a second log line.
            var path = context.Request.Path.ToUriComponent();
            var status = context.Response.StatusCode;
            var bytesIn = context.Request.ContentLength ?? 0;
            var declared = context.Response.ContentLength;
            if (context.RequestAborted.IsCancellationRequested || body.ConnectionGone || IsCutShort(method, status, declared, body.Sent + body.Pending))
            {
                Log.RequestAborted(logger, method, path, status, bytesIn, body.Sent, declared ?? -1, elapsedMs, client, traceId);
            }
            else
            {
                Log.RequestCompleted(logger, method, path, status, bytesIn, body.Sent + body.Pending, elapsedMs, client, traceId);
            }
        }
    }

    /// <summary>A response that declared a body length and sent less; HEAD, 204 and 304 declare a length they never send.</summary>
    private static bool IsCutShort(string method, int status, long? declared, long sent) =>
        declared is { } length
        && sent < length
        && !HttpMethods.IsHead(method)
        && status is not (StatusCodes.Status204NoContent or StatusCodes.Status304NotModified);
}
