using Microsoft.Extensions.Logging;

namespace Berth.Storage.S3;

internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "S3 storage: bucket {Bucket}, root '{RootDirectory}', endpoint {Endpoint}, part size {PartSize} bytes")]
    public static partial void Configured(ILogger logger, string bucket, string rootDirectory, string endpoint, int partSize);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Aborting multipart upload {UploadId} of {Key}")]
    public static partial void AbortingUpload(ILogger logger, string key, string uploadId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Completed multipart upload of {Key}: {Parts} parts, {Size} bytes")]
    public static partial void CompletedUpload(ILogger logger, string key, int parts, long size);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Copying {Source} to {Destination} ({Size} bytes) in {Parts} parts")]
    public static partial void MultipartCopy(ILogger logger, string source, string destination, long size, int parts);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Deleting under {Prefix}: {Count} objects could not be deleted, first {Key}: {Code} {Message}")]
    public static partial void DeleteErrors(ILogger logger, string prefix, int count, string key, string code, string message);
}
