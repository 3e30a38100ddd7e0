using Microsoft.Extensions.Logging;

namespace Berth.Storage.Gcs;

internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "GCS storage: bucket {Bucket}, root '{RootDirectory}', {Endpoint}, {Authentication} credentials, chunk size {ChunkSize} bytes")]
    public static partial void Configured(ILogger logger, string bucket, string rootDirectory, string endpoint, Configuration.GcsAuthentication authentication, int chunkSize);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Cancelled GCS upload session {Session}: {Status}")]
    public static partial void CancelledSession(ILogger logger, Uri session, int status);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Could not cancel GCS upload session {Session}: {Error}")]
    public static partial void CancelSessionFailed(ILogger logger, Uri session, string error);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Purging the abandoned writer state {Name}")]
    public static partial void PurgingWriterState(ILogger logger, string name);
}
