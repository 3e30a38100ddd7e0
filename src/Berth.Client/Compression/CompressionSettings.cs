namespace Berth.Client.Compression;

/// <summary>Compression of uncompressed source layers: algorithm, level, and how many cores one layer may use.</summary>
public sealed record CompressionSettings
{
    /// <summary>zlib's level 6, gzip(1)'s default; with incompressible stretches stored it costs what skopeo's default does.</summary>
    public const int DefaultGzipLevel = 6;

    public LayerCompression Algorithm { get; init; } = LayerCompression.Gzip;

    /// <summary>gzip: 1 (fastest) to 9 (smallest), default 6 like gzip(1); zstd: 1 to 19, default 3.</summary>
    public int? Level { get; init; }

    /// <summary>Cores one layer may use: gzip chunks compressed at once, zstd worker threads.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Uncompressed bytes per gzip member; each is compressed on its own core.</summary>
    public int GzipChunkSize { get; init; } = 4 * 1024 * 1024;
}
