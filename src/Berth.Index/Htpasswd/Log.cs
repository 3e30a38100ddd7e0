using Microsoft.Extensions.Logging;

namespace Berth.Index.Htpasswd;

internal static partial class Log
{
    [LoggerMessage(400, LogLevel.Warning, "htpasswd entry for '{User}' (line {Line} of {Path}) is not bcrypt (write it with htpasswd -B); it is refused.")]
    public static partial void HtpasswdNotBcrypt(ILogger logger, string user, int line, string path);

    [LoggerMessage(401, LogLevel.Information, "Read {Count} bcrypt users from {Path} ({Refused} entries refused).")]
    public static partial void HtpasswdLoaded(ILogger logger, int count, int refused, string path);

    [LoggerMessage(402, LogLevel.Error, "The htpasswd file {Path} is gone: every request is refused until it is back.")]
    public static partial void HtpasswdMissing(ILogger logger, string path);

    [LoggerMessage(403, LogLevel.Error, "The htpasswd file {Path} cannot be read: every request is refused until it can.")]
    public static partial void HtpasswdUnreadable(ILogger logger, string path, Exception exception);
}
