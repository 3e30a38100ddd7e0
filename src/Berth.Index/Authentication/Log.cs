using Microsoft.Extensions.Logging;

namespace Berth.Index.Authentication;

internal static partial class Log
{
    [LoggerMessage(320, LogLevel.Information, "Moved {Count} data-protection key files from {Directory} into the index database.")]
    public static partial void DataProtectionKeysImported(ILogger logger, int count, string directory);

    [LoggerMessage(321, LogLevel.Warning, "Open mode (Auth:Mode=None): requests without credentials use the index as the administrator '{AdminUser}'.")]
    public static partial void OpenAccess(ILogger logger, string adminUser);
}
