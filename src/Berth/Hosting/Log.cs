namespace Berth.Hosting;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "Authentication is off (Auth:Mode=None): anyone who can reach this registry may pull, push and delete.")]
    public static partial void OpenRegistry(ILogger logger);

    [LoggerMessage(2, LogLevel.Information, "X-Forwarded-For and X-Forwarded-Proto are trusted from {Proxies}.")]
    public static partial void TrustedProxies(ILogger logger, string proxies);
}
