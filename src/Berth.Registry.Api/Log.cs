using Microsoft.Extensions.Logging;

namespace Berth.Registry.Api;

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error in {Method} {Path}")]
    public static partial void Unhandled(ILogger logger, string method, string path, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Error in {Method} {Path} after the response started; aborting the connection")]
    public static partial void FailedAfterStart(ILogger logger, string method, string path, Exception exception);
}
