namespace Berth.Client.Compression;

/// <summary>How uncompressed layers are compressed on the way to the destination.</summary>
public enum LayerCompression
{
    Gzip,
    Zstd,
}
