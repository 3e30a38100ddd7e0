namespace Berth.Storage.S3;

/// <summary>The values of Storage:S3:PayloadSigning (see <see cref="S3StorageOptions.PayloadSigning"/>).</summary>
internal enum S3PayloadSigning
{
    Auto,
    Signed,
    Unsigned,
}
