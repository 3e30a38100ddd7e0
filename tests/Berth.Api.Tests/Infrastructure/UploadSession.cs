namespace Berth.Api.Tests.Infrastructure;

/// <summary>What a POST to /blobs/uploads/ answered: the opaque location, the upload id and the advertised minimum chunk.</summary>
public sealed record UploadSession(string Location, string Uuid, long? MinChunkLength)
{
    /// <summary>A chunk size the registry accepts for non-final chunks: at least the advertised minimum.</summary>
    public int ChunkSize(int wanted) => (int)Math.Max(wanted, MinChunkLength ?? 0);
}
