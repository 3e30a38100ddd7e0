using Microsoft.Extensions.Logging;

namespace Berth.Index.Sites;

internal static partial class Log
{
    [LoggerMessage(500, LogLevel.Information, "Resynchronised registry {Registry}: {Repositories} repositories, {Tags} tags.")]
    public static partial void Resynchronised(ILogger logger, string registry, int repositories, int tags);

    [LoggerMessage(501, LogLevel.Warning, "Resynchronising registry {Registry} failed.")]
    public static partial void ResyncFailed(ILogger logger, Exception exception, string registry);

    [LoggerMessage(502, LogLevel.Warning, "Refused an event batch: {Reason} (registry '{Registry}').")]
    public static partial void EventsRefused(ILogger logger, string reason, string? registry);

    [LoggerMessage(503, LogLevel.Warning, "Applying an event batch of registry {Registry} failed; it will send it again.")]
    public static partial void EventsFailed(ILogger logger, Exception exception, string registry);
}
