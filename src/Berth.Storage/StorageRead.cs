namespace Berth.Storage;

/// <summary>
/// An object opened by <see cref="IStorageDriver.OpenReadAsync"/>: its bytes from the offset asked for, and the whole
/// object's size as the same request found it, so a reader needs no stat beside the read (on an object store each is
/// a round trip, and a cold blob GET waited for one after the other). Disposing it releases the response.
/// </summary>
public sealed class StorageRead : IAsyncDisposable, IDisposable
{
    public StorageRead(Stream content, long size)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        Content = content;
        Size = size;
    }

    /// <summary>The bytes from the offset asked for to the end of the object; empty when the offset is at or beyond it.</summary>
    public Stream Content { get; }

    /// <summary>The whole object's size in bytes, whatever the offset.</summary>
    public long Size { get; }

    public ValueTask DisposeAsync() => Content.DisposeAsync();

    public void Dispose() => Content.Dispose();
}
