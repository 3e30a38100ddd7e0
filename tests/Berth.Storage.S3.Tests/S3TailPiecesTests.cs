using Amazon.S3.Model;
using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.Storage.S3.Tests;

/// <summary>
/// A writer continued chunk by chunk below the part size (a chunked registry upload) stores each chunk once, as a tail
/// piece beside its writer state, instead of reading back and rewriting its whole unsent tail on every chunk.
/// </summary>
public abstract class S3TailPiecesTests : IDisposable
{
    private const string Upload = "/uploads/pieces/data";
    private const int Chunk = 100 * 1024;
    private readonly S3Bucket _bucket;
    private readonly string _root = "pieces-" + Guid.NewGuid().ToString("N")[..12];
    private readonly StoreRequestRecorder _requests = new();
    private readonly S3StorageDriver _driver;

    protected S3TailPiecesTests(S3Bucket bucket)
    {
        _bucket = bucket;
        _driver = new S3StorageDriver(bucket.Server.Options(bucket.Name, _root), TimeProvider.System, NullLogger<S3StorageDriver>.Instance, _requests.Metrics);
    }

    [Fact]
    public async Task EachCloseStoresOnlyItsNewBytes_AndTheCommitPutsThemTogether()
    {
        var content = new byte[3 * Chunk];
        new Random(41).NextBytes(content);
        await using (var first = await _driver.CreateWriterAsync(Upload, append: false, default))
        {
            await first.WriteAsync(content.AsMemory(0, Chunk), default);
            await first.CloseAsync(default);
        }

        for (var chunk = 1; chunk < 3; chunk++)
        {
            _requests.Take();
            await using var writer = await _driver.CreateWriterAsync(Upload, append: true, default);
            Assert.Equal(chunk * Chunk, writer.Size);
            await writer.WriteAsync(content.AsMemory(chunk * Chunk, Chunk), default);
            await writer.CloseAsync(default);
            Assert.Equal(["GetObjectMetadata", "PutObject", "PutObject"], _requests.Take());
        }

        await AssertObjectsAsync([("data.tmp-berth-writer", 0L), ("data.tmp-berth-writer.1", Chunk), ("data.tmp-berth-writer.2", Chunk), ("data.tmp-berth-writer.3", Chunk)]);
        Assert.Equal(3 * Chunk, await _driver.GetAppendableSizeAsync(Upload, default));
        Assert.Empty(await ListAsync());

        await using (var last = await _driver.CreateWriterAsync(Upload, append: true, default))
        {
            _requests.Take();
            Assert.True(await last.TryCommitToAsync("/blobs/pieces/data", default));
            Assert.Equal(["GetObject", "GetObject", "GetObject", "PutObject", "DeleteObjects"], _requests.Take());
        }

        Assert.Equal(content, await _driver.GetContentAsync("/blobs/pieces/data", default));
        await AssertObjectsAsync([("data", 3L * Chunk)], "blobs/pieces/");
        await AssertObjectsAsync([]);
    }

    [Fact]
    public async Task ContentOfOnePiece_IsCopiedInTheStoreAtTheCommit()
    {
        var content = new byte[Chunk];
        new Random(42).NextBytes(content);
        await using (var first = await _driver.CreateWriterAsync(Upload, append: false, default))
        {
            await first.WriteAsync(content, default);
            await first.CloseAsync(default);
        }

        await using (var last = await _driver.CreateWriterAsync(Upload, append: true, default))
        {
            _requests.Take();
            await last.CommitAsync(default);
            Assert.Equal(["CopyObject", "DeleteObjects"], _requests.Take());
        }

        Assert.Equal(content, await _driver.GetContentAsync(Upload, default));
        await AssertObjectsAsync([("data", Chunk)]);
    }

    [Fact]
    public async Task PiecesFillingAPart_AreUploadedAsItAndRemoved_AndLaterPiecesTakeNewNumbers()
    {
        var pieceSize = (S3StorageOptions.MinimumPartSize / 2) + 1;
        var content = new byte[(2 * pieceSize) + 10];
        new Random(43).NextBytes(content);
        await using (var first = await _driver.CreateWriterAsync(Upload, append: false, default))
        {
            await first.WriteAsync(content.AsMemory(0, pieceSize), default);
            await first.CloseAsync(default);
        }

        await using (var second = await _driver.CreateWriterAsync(Upload, append: true, default))
        {
            await second.WriteAsync(content.AsMemory(pieceSize, pieceSize), default);
            await second.CloseAsync(default);
        }

        // The first piece and the second chunk filled a part; the rest of the chunk is a piece numbered after the first.
        await AssertObjectsAsync([("data.tmp-berth-writer", 0L), ("data.tmp-berth-writer.2", 2L)]);
        await using (var last = await _driver.CreateWriterAsync(Upload, append: true, default))
        {
            Assert.Equal(2 * pieceSize, last.Size);
            await last.WriteAsync(content.AsMemory(2 * pieceSize), default);
            Assert.False(await last.TryCommitToAsync("/blobs/pieces/data", default));
            await last.CommitAsync(default);
        }

        Assert.Equal(content, await _driver.GetContentAsync(Upload, default));
        await AssertObjectsAsync([("data", content.Length)]);
    }

    public void Dispose()
    {
        _driver.Dispose();
        _requests.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task<List<string>> ListAsync()
    {
        var names = new List<string>();
        await foreach (var path in _driver.ListAsync("/uploads/pieces", default))
        {
            names.Add(path);
        }

        return names;
    }

    /// <summary>
    /// Checks the objects under the upload's folder (or <paramref name="folder"/>) by name and size, polling for up to
    /// 10 s: Swift's listings show a write or delete a moment late.
    /// </summary>
    private async Task AssertObjectsAsync(List<(string Name, long Size)> expected, string folder = "uploads/pieces/")
    {
        using var client = _bucket.CreateClient();
        var prefix = _root + "/" + folder;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var page = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket.Name, Prefix = prefix });
            List<(string Name, long Size)> objects = [.. (page.S3Objects ?? []).Select(o => (o.Key[prefix.Length..], o.Size ?? 0)).OrderBy(o => o.Item1, StringComparer.Ordinal)];
            if (objects.SequenceEqual(expected) || DateTime.UtcNow > deadline)
            {
                Assert.Equal(expected, objects);
                return;
            }

            await Task.Delay(100);
        }
    }
}

public sealed class CephRgwTailPiecesTests(CephRgwBucket bucket) : S3TailPiecesTests(bucket), IClassFixture<CephRgwBucket>;

public sealed class SwiftS3TailPiecesTests(SwiftS3Bucket bucket) : S3TailPiecesTests(bucket), IClassFixture<SwiftS3Bucket>;
