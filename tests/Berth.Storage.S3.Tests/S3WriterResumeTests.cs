using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.Storage.S3.Tests;

/// <summary>
/// What continuing a closed writer costs the store (a registry upload's next PATCH): the node that closed it keeps the
/// unsent tail in memory and reads only the state's metadata; after another node wrote the state, the whole state is
/// read again, and the content is always what the last writer left.
/// </summary>
public abstract class S3WriterResumeTests : IDisposable
{
    private const string Upload = "/uploads/resume/data";
    private readonly StoreRequestRecorder _requests = new();
    private readonly S3StorageDriver _node;
    private readonly S3StorageDriver _otherNode;

    protected S3WriterResumeTests(S3Bucket bucket)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        var options = bucket.Server.Options(bucket.Name, "resume-" + Guid.NewGuid().ToString("N")[..12]);
        _node = new S3StorageDriver(options, TimeProvider.System, NullLogger<S3StorageDriver>.Instance, _requests.Metrics);
        _otherNode = new S3StorageDriver(options, TimeProvider.System, NullLogger<S3StorageDriver>.Instance, _requests.Metrics);
    }

    [Fact]
    public async Task WriterContinuedOnTheNodeThatClosedIt_ReadsTheStatesMetadataNotItsTail()
    {
        var content = Content(3 * 1024 * 1024, 41);
        await WriteAndCloseAsync(_node, content, 0, 1024 * 1024, append: false);
        await WriteAndCloseAsync(_node, content, 1024 * 1024, 2 * 1024 * 1024, append: true);
        _requests.Take();

        await using (var writer = await _node.CreateWriterAsync(Upload, append: true, default))
        {
            Assert.Equal(["GetObjectMetadata"], _requests.Take());
            Assert.Equal(2 * 1024 * 1024, writer.Size);
            await writer.WriteAsync(content.AsMemory(2 * 1024 * 1024), default);
            await writer.CommitAsync(default);
        }

        Assert.Equal(content, await _otherNode.GetContentAsync(Upload, default));
    }

    [Fact]
    public async Task WriterContinuedAfterAnotherNodeClosedIt_ReadsTheWholeStateAgain()
    {
        var content = Content(300 * 1024, 42);
        await WriteAndCloseAsync(_node, content, 0, 100 * 1024, append: false);
        await WriteAndCloseAsync(_otherNode, content, 100 * 1024, 200 * 1024, append: true);
        _requests.Take();

        await using (var writer = await _node.CreateWriterAsync(Upload, append: true, default))
        {
            Assert.Equal(["GetObjectMetadata", "GetObject"], _requests.Take());
            Assert.Equal(200 * 1024, writer.Size);
            await writer.WriteAsync(content.AsMemory(200 * 1024), default);
            await writer.CommitAsync(default);
        }

        Assert.Equal(content, await _node.GetContentAsync(Upload, default));
    }

    [Fact]
    public async Task WriterWhoseFolderWasDeleted_CannotBeContinuedFromMemory()
    {
        var content = Content(100 * 1024, 43);
        await WriteAndCloseAsync(_node, content, 0, content.Length, append: false);

        await _otherNode.DeleteAsync("/uploads/resume", default);

        await Assert.ThrowsAsync<StorageNotFoundException>(() => _node.CreateWriterAsync(Upload, append: true, default));
    }

    public void Dispose()
    {
        _node.Dispose();
        _otherNode.Dispose();
        _requests.Dispose();
        GC.SuppressFinalize(this);
    }

    private static byte[] Content(int length, int seed)
    {
        var content = new byte[length];
        new Random(seed).NextBytes(content);
        return content;
    }

    private static async Task WriteAndCloseAsync(S3StorageDriver driver, byte[] content, int start, int end, bool append)
    {
        await using var writer = await driver.CreateWriterAsync(Upload, append, default);
        await writer.WriteAsync(content.AsMemory(start, end - start), default);
        await writer.CloseAsync(default);
    }
}

public sealed class CephRgwWriterResumeTests(CephRgwBucket bucket) : S3WriterResumeTests(bucket), IClassFixture<CephRgwBucket>;

public sealed class SwiftS3WriterResumeTests(SwiftS3Bucket bucket) : S3WriterResumeTests(bucket), IClassFixture<SwiftS3Bucket>;
