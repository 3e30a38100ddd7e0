using Microsoft.Extensions.Logging;

namespace Berth.Replication;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Replication execution {Id} of rule '{Rule}' started (attempt {Attempt}).")]
    public static partial void Started(ILogger logger, long id, string rule, int attempt);

    [LoggerMessage(2, LogLevel.Information, "Replication execution {Id} of rule '{Rule}' finished: {Copied} copied, {Skipped} skipped, {Bytes} bytes in {Seconds:0.0} s.")]
    public static partial void Finished(ILogger logger, long id, string rule, int copied, int skipped, long bytes, double seconds);

    [LoggerMessage(3, LogLevel.Warning, "Replication execution {Id} of rule '{Rule}' failed (attempt {Attempt}); retried at {RetryAt:o}: {Errors}")]
    public static partial void WillRetry(ILogger logger, long id, string rule, int attempt, DateTime retryAt, string errors);

    [LoggerMessage(4, LogLevel.Error, "Replication execution {Id} of rule '{Rule}' failed for good after {Attempt} attempts: {Errors}")]
    public static partial void FailedForGood(ILogger logger, long id, string rule, int attempt, string errors);

    [LoggerMessage(5, LogLevel.Warning, "Replication execution {Id} lost its lease (another node took it over); stopped here.")]
    public static partial void LeaseLost(ILogger logger, long id);

    [LoggerMessage(6, LogLevel.Error, "The replication worker failed; it goes on after a pause.")]
    public static partial void WorkerFailed(ILogger logger, Exception exception);

    [LoggerMessage(7, LogLevel.Error, "Registry events could not be matched with replication rules; {Count} events were not replicated.")]
    public static partial void EventsFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(8, LogLevel.Warning, "The replication event queue is full; an event of {Repository} was not replicated (run the rule by hand).")]
    public static partial void EventDropped(ILogger logger, string repository);

    [LoggerMessage(9, LogLevel.Information, "Scheduled run of replication rule '{Rule}' queued; next at {Next:o}.")]
    public static partial void Scheduled(ILogger logger, string rule, DateTime? next);

    [LoggerMessage(10, LogLevel.Warning, "A replication event could not be delivered to {Url}.")]
    public static partial void WebhookFailed(ILogger logger, Exception exception, Uri url);
}
