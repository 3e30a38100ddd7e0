using Berth.Registry.Blobs;

namespace Berth.Registry.Reading;

/// <summary>
/// A blob found for a pull: either stored (<see cref="Stored"/>, served with ranges, redirects and offload), or
/// streamed from elsewhere (<see cref="Content"/>, null for HEAD) with its length when known. The caller disposes it.
/// </summary>
public sealed class BlobRead : IAsyncDisposable
{
    private BlobRead(BlobInfo? stored, Stream? content, long? length)
    {
        Stored = stored;
        Content = content;
        Length = length;
    }

    public BlobInfo? Stored { get; }

    public Stream? Content { get; }

    public long? Length { get; }

    public static BlobRead FromStore(BlobInfo blob) => new(blob, null, blob.Size);

    public static BlobRead Streamed(Stream? content, long? length) => new(null, content, length);

    public ValueTask DisposeAsync() => Content?.DisposeAsync() ?? ValueTask.CompletedTask;
}
