using Microsoft.Extensions.Logging;

namespace Berth.Storage.SharedReads;

internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Shared reads on {Driver}: spool {Directory}, objects of {MinBytes} bytes or more, at most {MaxSpoolBytes} spool bytes, objects up to {MaxMemoryObjectBytes} bytes in memory up to {MaxMemoryBytes} bytes; removed {Swept} spool files left by an earlier run")]
    public static partial void SharedReadsStarted(ILogger logger, string driver, string directory, long minBytes, long maxSpoolBytes, long maxMemoryObjectBytes, long maxMemoryBytes, int swept);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Spooled {Path} ({Size} bytes) from the store for its readers")]
    public static partial void Spooled(ILogger logger, string path, long size);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Fetching {Path} from the store for its readers failed; they get the error")]
    public static partial void FetchFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Fetching {Path} stopped: every reader left")]
    public static partial void Abandoned(ILogger logger, string path);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Not spooling {Path} ({Size} bytes): Storage:SharedReads:MaxSpoolBytes ({MaxSpoolBytes}) is reached; it is read from the store per reader")]
    public static partial void SpoolFull(ILogger logger, string path, long size, long maxSpoolBytes);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Cannot create a spool file for {Path} in {Directory}; it is read from the store per reader")]
    public static partial void SpoolUnavailable(ILogger logger, string path, string directory, Exception exception);
}
