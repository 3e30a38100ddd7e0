using Microsoft.Extensions.Logging;

namespace Berth.Index.Authentication;

internal static partial class Log
{
    [LoggerMessage(320, LogLevel.Information, "Moved {Count} data-protection key files from {Directory} into the index database.")]
    public static partial void DataProtectionKeysImported(ILogger logger, int count, string directory);
}
