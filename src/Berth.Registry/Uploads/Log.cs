using Microsoft.Extensions.Logging;

namespace Berth.Registry.Uploads;

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Re-hashing the stored content of upload {UploadId}: its hash state is not in this process")]
    public static partial void Rehash(ILogger logger, string uploadId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Blob {Digest} is already stored; the upload only adds a link")]
    public static partial void BlobAlreadyStored(ILogger logger, Berth.Registry.Content.Digest digest);
}
