using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.Storage.S3.Tests;

/// <summary>
/// How a writer commits to another path (a registry upload to its blob path) on S3: content that never filled a part
/// is put there in one request, where a commit and a move would put it at the writer's key, then copy and delete it.
/// </summary>
public abstract class S3WriterCommitToTests : IDisposable
{
    private const string Upload = "/uploads/commit-to/data";
    private const string Blob = "/blobs/commit-to/data";
    private readonly StoreRequestRecorder _requests = new();
    private readonly S3StorageDriver _driver;

    protected S3WriterCommitToTests(S3Bucket bucket)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        var root = "commit-to-" + Guid.NewGuid().ToString("N")[..12];
        _driver = new S3StorageDriver(bucket.Server.Options(bucket.Name, root), TimeProvider.System, NullLogger<S3StorageDriver>.Instance, _requests.Metrics);
    }

    [Fact]
    public async Task ContinuedWriterUnderOnePart_PutsItsContentAtTheDestinationInOneRequest()
    {
        var content = new byte[300 * 1024];
        new Random(31).NextBytes(content);
        await using (var first = await _driver.CreateWriterAsync(Upload, append: false, default))
        {
            await first.WriteAsync(content.AsMemory(0, 100 * 1024), default);
            await first.CloseAsync(default);
        }

        await using (var writer = await _driver.CreateWriterAsync(Upload, append: true, default))
        {
            await writer.WriteAsync(content.AsMemory(100 * 1024), default);
            _requests.Take();

            Assert.True(await writer.TryCommitToAsync(Blob, default));

            Assert.Equal(["PutObject", "DeleteObject"], _requests.Take());
        }

        Assert.Equal(content, await _driver.GetContentAsync(Blob, default));
        await Assert.ThrowsAsync<StorageNotFoundException>(() => _driver.StatAsync(Upload, default));
        await Assert.ThrowsAsync<StorageNotFoundException>(() => _driver.GetAppendableSizeAsync(Upload, default));
    }

    [Fact]
    public async Task WriterThatUploadedAPart_RefusesWithoutARequest_AndCommitsAtItsOwnKey()
    {
        var content = new byte[S3StorageOptions.MinimumPartSize + 1000];
        new Random(32).NextBytes(content);
        await using (var writer = await _driver.CreateWriterAsync(Upload, append: false, default))
        {
            await writer.WriteAsync(content, default);
            _requests.Take();

            Assert.False(await writer.TryCommitToAsync(Blob, default));

            Assert.Empty(_requests.Take());
            await writer.CommitAsync(default);
        }

        Assert.Equal(content, await _driver.GetContentAsync(Upload, default));
        await Assert.ThrowsAsync<StorageNotFoundException>(() => _driver.StatAsync(Blob, default));
    }

    public void Dispose()
    {
        _driver.Dispose();
        _requests.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class CephRgwWriterCommitToTests(CephRgwBucket bucket) : S3WriterCommitToTests(bucket), IClassFixture<CephRgwBucket>;

public sealed class SwiftS3WriterCommitToTests(SwiftS3Bucket bucket) : S3WriterCommitToTests(bucket), IClassFixture<SwiftS3Bucket>;
