using Berth.Registry.Blobs;
using Berth.Storage;

namespace Berth.Registry.Reading;

/// <summary>
/// A blob found for a pull: either stored (<see cref="Stored"/>, served with ranges, redirects and offload; with
/// <see cref="Opened"/> when the store opened its whole content already), or streamed from elsewhere
/// (<see cref="Content"/>, null for HEAD) with its length when known. The caller disposes it.
/// </summary>
public sealed class BlobRead : IAsyncDisposable
{
    private BlobRead(BlobInfo? stored, StorageRead? opened, Stream? content, long? length)
    {
        Stored = stored;
        Opened = opened;
        Content = content;
        Length = length;
    }

    public BlobInfo? Stored { get; }

    /// <summary>The stored blob's content from its first byte, opened while the blob was looked up (<see cref="BlobReadIntent.Open"/>).</summary>
    public StorageRead? Opened { get; }

    public Stream? Content { get; }

    public long? Length { get; }

    public static BlobRead FromStore(BlobInfo blob, StorageRead? opened = null) => new(blob, opened, null, blob.Size);

    public static BlobRead Streamed(Stream? content, long? length) => new(null, null, content, length);

    public async ValueTask DisposeAsync()
    {
        if (Opened is not null)
        {
            await Opened.DisposeAsync();
        }

        if (Content is not null)
        {
            await Content.DisposeAsync();
        }
    }
}
