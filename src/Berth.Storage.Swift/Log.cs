using Microsoft.Extensions.Logging;

namespace Berth.Storage.Swift;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Authenticated to Swift; storage URL {StorageUrl}, token expires {ExpiresAt}")]
    public static partial void Authenticated(ILogger logger, Uri storageUrl, DateTimeOffset? expiresAt);

    [LoggerMessage(2, LogLevel.Information, "Swift rejected the token (401) on {Method} {Path}; authenticating again")]
    public static partial void TokenRejected(ILogger logger, HttpMethod method, string path);

    [LoggerMessage(4, LogLevel.Warning, "Could not delete the replaced Swift segment {Segment}; it is left orphaned")]
    public static partial void SegmentCleanupFailed(ILogger logger, string segment, Exception exception);

    [LoggerMessage(5, LogLevel.Information, "Created Swift container {Container}")]
    public static partial void ContainerCreated(ILogger logger, string container);
}
