using Microsoft.Extensions.Logging;

namespace Berth.Index;

internal static partial class Log
{
    [LoggerMessage(300, LogLevel.Warning, "Created the first administrator '{User}'.")]
    public static partial void AdminCreated(ILogger logger, string user);
}
