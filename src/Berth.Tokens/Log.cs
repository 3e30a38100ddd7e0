using Microsoft.Extensions.Logging;

namespace Berth.Tokens;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "Token rejected: {Reason}.")]
    public static partial void TokenRejected(ILogger logger, string reason);

    [LoggerMessage(2, LogLevel.Warning, "Could not fetch the index's signing keys from {Url}.")]
    public static partial void KeysFetchFailed(ILogger logger, Uri url, Exception exception);

    [LoggerMessage(3, LogLevel.Information, "Fetched {Count} signing keys from {Url}.")]
    public static partial void KeysFetched(ILogger logger, int count, Uri url);
}
