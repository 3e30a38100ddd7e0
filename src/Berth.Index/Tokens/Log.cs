using Microsoft.Extensions.Logging;

namespace Berth.Index.Tokens;

internal static partial class Log
{
    [LoggerMessage(200, LogLevel.Information, "Created token signing key {KeyId}.")]
    public static partial void KeyCreated(ILogger logger, string keyId);

    [LoggerMessage(202, LogLevel.Warning, "Imported {Count} signing keys from {Directory} into the index database and deleted the files.")]
    public static partial void KeysImported(ILogger logger, int count, string directory);

    [LoggerMessage(201, LogLevel.Debug, "Token request refused: {Reason}.")]
    public static partial void TokenRequestRefused(ILogger logger, string reason);
}
