namespace Berth.Storage.Tests.SharedReads;

/// <summary>
/// A driver whose object streams deliver bytes only as far as its <see cref="Tap"/> lets them, and which counts the
/// streams it opens: a store a test can hold mid-object, cut short or fail, to see what the readers after it get.
/// </summary>
internal sealed class TappedStorageDriver(IStorageDriver inner) : IStorageDriver
{
    private int _opens;

    public Tap Tap { get; } = new();

    /// <summary>Streams opened on the store.</summary>
    public int Opens => Volatile.Read(ref _opens);

    public string Name => "tapped";

    public async Task<StorageRead> OpenReadAsync(string path, long offset, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _opens);
        var read = await inner.OpenReadAsync(path, offset, cancellationToken);
        return new StorageRead(new TapStream(read.Content, Tap, offset), read.Size);
    }

    public Task<byte[]> GetContentAsync(string path, CancellationToken cancellationToken) => inner.GetContentAsync(path, cancellationToken);

    public Task PutContentAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) => inner.PutContentAsync(path, content, cancellationToken);

    public Task<IStorageWriter> CreateWriterAsync(string path, bool append, CancellationToken cancellationToken) => inner.CreateWriterAsync(path, append, cancellationToken);

    public Task<long> GetAppendableSizeAsync(string path, CancellationToken cancellationToken) => inner.GetAppendableSizeAsync(path, cancellationToken);

    public Task<StorageObjectInfo> StatAsync(string path, CancellationToken cancellationToken) => inner.StatAsync(path, cancellationToken);

    public Task<StorageObjectInfo> StatObjectAsync(string path, CancellationToken cancellationToken) => inner.StatObjectAsync(path, cancellationToken);

    public IAsyncEnumerable<string> ListAsync(string path, CancellationToken cancellationToken) => inner.ListAsync(path, cancellationToken);

    public Task MoveAsync(string sourcePath, string destinationPath, CancellationToken cancellationToken) => inner.MoveAsync(sourcePath, destinationPath, cancellationToken);

    public Task DeleteAsync(string path, CancellationToken cancellationToken) => inner.DeleteAsync(path, cancellationToken);

    public Task<int> PurgeAbandonedWritesAsync(string path, DateTimeOffset startedBefore, CancellationToken cancellationToken) =>
        inner.PurgeAbandonedWritesAsync(path, startedBefore, cancellationToken);

    public Task<Uri?> GetRedirectUrlAsync(string path, CancellationToken cancellationToken) => inner.GetRedirectUrlAsync(path, cancellationToken);
}
