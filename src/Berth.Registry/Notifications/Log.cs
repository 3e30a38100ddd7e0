using Microsoft.Extensions.Logging;

namespace Berth.Registry.Notifications;

internal static partial class Log
{
    [LoggerMessage(900, LogLevel.Information, "Notification endpoint {Endpoint} ({Url}): {Queued} events queued on disk from a previous run.")]
    public static partial void Resumed(ILogger logger, string endpoint, Uri url, long queued);

    [LoggerMessage(901, LogLevel.Warning, "Notification queue of {Endpoint} is full ({Capacity} envelopes): dropped the oldest, {Events} events.")]
    public static partial void QueueFull(ILogger logger, string endpoint, int capacity, int events);

    [LoggerMessage(902, LogLevel.Warning, "Too many notifications waiting to be written to disk: dropped the oldest event ({Action} of {Repository}).")]
    public static partial void MemoryFull(ILogger logger, string action, string repository);

    [LoggerMessage(903, LogLevel.Warning, "Notification event ({Action} of {Repository}) arrived after shutdown began and was not queued.")]
    public static partial void Stopped(ILogger logger, string action, string repository);

    [LoggerMessage(904, LogLevel.Error, "Writing a notification envelope of {Events} events for {Endpoint} to disk failed; the events are dropped.")]
    public static partial void WriteFailed(ILogger logger, Exception exception, string endpoint, int events);

    [LoggerMessage(905, LogLevel.Warning, "Delivery to {Endpoint} failed (attempt {Attempt} of {MaxAttempts}): {Reason}; retrying in {Delay}.")]
    public static partial void Retrying(ILogger logger, string endpoint, int attempt, int maxAttempts, string reason, TimeSpan delay);

    [LoggerMessage(906, LogLevel.Error, "Delivery to {Endpoint} failed {Attempts} times ({Reason}): dropped an envelope of {Events} events ({File}).")]
    public static partial void GaveUp(ILogger logger, string endpoint, int attempts, string reason, int events, string file);

    [LoggerMessage(908, LogLevel.Error, "Reading the notification envelope {File} for {Endpoint} failed; it is dropped.")]
    public static partial void ReadFailed(ILogger logger, Exception exception, string endpoint, string file);

    [LoggerMessage(909, LogLevel.Warning, "Deleting the notification envelope {File} failed; it left the queue and is sent again after a restart.")]
    public static partial void DeleteFailed(ILogger logger, Exception exception, string file);

    [LoggerMessage(910, LogLevel.Debug, "The config {Digest} of a push to {Repository} could not be read for the index's event; the index reads it.")]
    public static partial void ConfigNotRead(ILogger logger, Exception exception, string digest, string repository);

    [LoggerMessage(907, LogLevel.Debug, "Delivery to {Endpoint} failed with an exception.")]
    public static partial void SendError(ILogger logger, Exception exception, string endpoint);
}
