using Microsoft.Extensions.Logging;

namespace Berth.Registry.Quotas;

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "The quota document of namespace {Namespace} is not valid JSON; the default limit applies")]
    public static partial void UnreadableQuota(ILogger logger, Exception exception, string @namespace);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Storage usage of namespace {Namespace} computed: {Bytes} bytes in {Blobs} blobs, {Repositories} repositories, in {ElapsedMs} ms")]
    public static partial void UsageComputed(ILogger logger, string @namespace, long bytes, int blobs, int repositories, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Push of {Digest} ({Size} bytes) to {Repository} refused: namespace {Namespace} uses {Used} of {Limit} bytes")]
    public static partial void Refused(ILogger logger, Berth.Registry.Content.Digest digest, long size, string repository, string @namespace, long used, long limit);
}
