namespace Berth.Hosting.RequestLogging;

internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "{Method} {Path} {Status} in={BytesIn} out={BytesOut} {ElapsedMs:0.0}ms from {Client} trace={TraceId}")]
    public static partial void RequestCompleted(
        ILogger logger, string method, string path, int status, long bytesIn, long bytesOut, double elapsedMs, string client, string traceId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information,
        Message = "{Method} {Path} {Status} in={BytesIn} out={BytesOut} of {BytesDeclared} aborted by the client after {ElapsedMs:0.0}ms from {Client} trace={TraceId}")]
    public static partial void RequestAborted(
        ILogger logger, string method, string path, int status, long bytesIn, long bytesOut, long bytesDeclared, double elapsedMs, string client, string traceId);
}
