namespace Berth.Storage.S3;

/// <summary>
/// Multipart part sizes: the configured size for the first 1000 parts, doubling every 1000 parts after, up to
/// <see cref="MaximumPartSize"/>. With the smallest part size (5 MiB) the 10,000 parts S3 allows hold more
/// than 1 TB; a blob under 1000 parts (16 GB at the default 16 MiB) never needs a bigger buffer.
/// </summary>
internal static class S3PartSizes
{
    public const int MaximumPartSize = 256 * 1024 * 1024;
    public const int MaximumParts = 10_000;
    private const int PartsPerStep = 1000;

    public static int ForPart(int partNumber, int basePartSize)
    {
        var step = Math.Min((partNumber - 1) / PartsPerStep, 16);
        return (int)Math.Min((long)basePartSize << step, Math.Max(basePartSize, MaximumPartSize));
    }

    /// <summary>The most bytes 10,000 parts hold with this base size.</summary>
    public static long Capacity(int basePartSize)
    {
        long total = 0;
        for (var part = 1; part <= MaximumParts; part += PartsPerStep)
        {
            total += (long)ForPart(part, basePartSize) * PartsPerStep;
        }

        return total;
    }
}
