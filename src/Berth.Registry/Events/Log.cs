using Microsoft.Extensions.Logging;

namespace Berth.Registry.Events;

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Event sink {Sink} failed on {Action} of {Repository}")]
    public static partial void SinkFailed(ILogger logger, Exception exception, string sink, RegistryEventAction action, string repository);
}
