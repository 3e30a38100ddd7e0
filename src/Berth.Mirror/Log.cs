using Microsoft.Extensions.Logging;

namespace Berth.Mirror;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Mirror mode: pulling through from {Upstream}; pushes {Pushes}.")]
    public static partial void Started(ILogger logger, Uri upstream, string pushes);

    [LoggerMessage(2, LogLevel.Warning, "Serving {Repository}:{Tag} as cached ({Digest}): the upstream is unreachable ({Reason}).")]
    public static partial void ServingStale(ILogger logger, string repository, string tag, string digest, string reason);

    [LoggerMessage(3, LogLevel.Information, "Cached blob {Repository}@{Digest} ({Bytes} bytes) from the upstream.")]
    public static partial void BlobCached(ILogger logger, string repository, string digest, long bytes);

    [LoggerMessage(4, LogLevel.Warning, "Fetching blob {Repository}@{Digest} from the upstream failed; nothing was cached.")]
    public static partial void BlobFillFailed(ILogger logger, string repository, string digest, Exception exception);

    [LoggerMessage(7, LogLevel.Warning, "Fetching blob {Repository}@{Digest} from the upstream failed; nothing was cached: {Reason}")]
    public static partial void BlobFillRefused(ILogger logger, string repository, string digest, string reason);

    [LoggerMessage(5, LogLevel.Information, "Cached manifest {Repository}@{Digest} from the upstream (reference {Reference}).")]
    public static partial void ManifestCached(ILogger logger, string repository, string digest, string reference);

    [LoggerMessage(6, LogLevel.Information, "Evicted {Repository} from the mirror cache: {Blobs} blob(s), {Bytes} bytes freed.")]
    public static partial void Evicted(ILogger logger, string repository, int blobs, long bytes);
}
