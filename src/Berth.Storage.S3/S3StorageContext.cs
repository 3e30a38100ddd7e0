using Amazon.S3;
using Berth.Storage.ObjectStores;
using Microsoft.Extensions.Logging;

namespace Berth.Storage.S3;

/// <summary>What the driver and its writers share.</summary>
internal sealed record S3StorageContext(IAmazonS3 Client, string Bucket, ObjectKeyMap Keys, int PartSize, ILogger Logger, S3TailCache Tails);
