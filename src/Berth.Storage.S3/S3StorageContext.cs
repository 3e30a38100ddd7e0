using Amazon.S3;
using Microsoft.Extensions.Logging;

namespace Berth.Storage.S3;

/// <summary>What the driver and its writers share.</summary>
internal sealed record S3StorageContext(IAmazonS3 Client, string Bucket, S3KeyMap Keys, int PartSize, ILogger Logger);
