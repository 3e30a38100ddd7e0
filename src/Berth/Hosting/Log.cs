namespace Berth.Hosting;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "Authentication is off (Auth:Mode=None): anyone who can reach this registry may pull, push and delete.")]
    public static partial void OpenRegistry(ILogger logger);

    [LoggerMessage(2, LogLevel.Information, "X-Forwarded-For and X-Forwarded-Proto are trusted from {Proxies}.")]
    public static partial void TrustedProxies(ILogger logger, string proxies);

    [LoggerMessage(3, LogLevel.Warning, "IndexEvents:Secret is not set: this registry sends no events to its index, which will not show its tags until resynchronised.")]
    public static partial void NoIndexEvents(ILogger logger);
}
