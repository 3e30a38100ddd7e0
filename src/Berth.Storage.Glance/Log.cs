using Microsoft.Extensions.Logging;

namespace Berth.Storage.Glance;

internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Glance storage: namespace '{Namespace}', {Endpoint}")]
    public static partial void Configured(ILogger logger, string @namespace, string endpoint);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Copied {Segments} segments of an upload into one image for {Path} ({Size} bytes)")]
    public static partial void Concatenated(ILogger logger, string path, int segments, long size);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Purging the abandoned {Kind} image {Id} of {Path}")]
    public static partial void PurgingImage(ILogger logger, string? kind, string id, string? path);
}
