namespace Berth.Client.Compression;

/// <summary>How uncompressed layers are compressed on the way to the destination.</summary>
public enum LayerCompression
{
    Gzip,
    Zstd,

    /// <summary>Layers are copied as they are, so every digest is kept (replication).</summary>
    None,
}
