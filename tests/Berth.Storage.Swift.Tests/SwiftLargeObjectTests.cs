using System.Security.Cryptography;

namespace Berth.Storage.Swift.Tests;

/// <summary>How the driver lays content out in Swift: segments, Static Large Object manifests, nesting and cleanup.</summary>
public sealed class SwiftLargeObjectTests : IAsyncLifetime
{
    private const int SegmentSize = 64 * 1024;
    private readonly string _prefix = "slo-" + Guid.NewGuid().ToString("N")[..12];
    private SwiftStorageDriver _driver = null!;

    public Task InitializeAsync()
    {
        _driver = SwiftTestEnvironment.CreateDriver(SwiftTestEnvironment.Options(_prefix, o =>
        {
            o.SegmentSize = SegmentSize;
            o.MaxManifestSegments = 3;
        }));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _driver.DeleteAsync("/", CancellationToken.None);
        Assert.Empty(await SwiftTestEnvironment.SegmentObjectsAsync(_driver, _prefix + "/"));
        _driver.Dispose();
    }

    [Fact]
    public async Task Commit_OfManySegments_PublishesNestedStaticLargeObjectThatReadsBackWhole()
    {
        var content = RandomNumberGenerator.GetBytes((10 * SegmentSize) + 100);

        await WriteAsync("/blobs/a/data", content);

        var head = await _driver.Store.HeadAsync(_driver.Container, _driver.Prefix + "blobs/a/data", CancellationToken.None);
        Assert.NotNull(head);
        Assert.True(head.IsStaticLargeObject);
        Assert.Equal(content.Length, head.Length);
        var layout = await SwiftTestEnvironment.LayoutAsync(_driver, "/blobs/a/data");
        Assert.Equal(11, layout.Segments.Count);
        Assert.All(layout.Segments.Take(10), s => Assert.Equal(SegmentSize, s.Bytes));
        Assert.Equal(100, layout.Segments[^1].Bytes);
        Assert.Equal(4 + 2, layout.NestedManifests.Count);
        Assert.Equal(content, await _driver.GetContentAsync("/blobs/a/data", CancellationToken.None));
        await using var ranged = await _driver.OpenReadAsync("/blobs/a/data", (3 * SegmentSize) - 5, CancellationToken.None);
        Assert.Equal(content.Length, ranged.Size);
        using var rest = new MemoryStream();
        await ranged.Content.CopyToAsync(rest);
        Assert.Equal(content.AsSpan((3 * SegmentSize) - 5).ToArray(), rest.ToArray());
    }

    [Fact]
    public async Task Close_RecordsSegmentsOutsideThePathAndAppendContinuesThem()
    {
        var content = RandomNumberGenerator.GetBytes((2 * SegmentSize) + 10);
        await using (var writer = await _driver.CreateWriterAsync("/uploads/u/data", append: false, CancellationToken.None))
        {
            await writer.WriteAsync(content.AsMemory(0, SegmentSize + 5), CancellationToken.None);
            await writer.CloseAsync(CancellationToken.None);
        }

        await Assert.ThrowsAsync<StorageNotFoundException>(() => _driver.StatAsync("/uploads/u/data", CancellationToken.None));
        Assert.Single(await SwiftTestEnvironment.SegmentObjectsAsync(_driver, _prefix + "/pending/uploads/u/data"));
        Assert.Equal(2, (await SwiftTestEnvironment.SegmentObjectsAsync(_driver, _prefix + "/segments/uploads/u/data/")).Count);

        await using (var writer = await _driver.CreateWriterAsync("/uploads/u/data", append: true, CancellationToken.None))
        {
            Assert.Equal(SegmentSize + 5, writer.Size);
            await writer.WriteAsync(content.AsMemory(SegmentSize + 5), CancellationToken.None);
            await writer.CommitAsync(CancellationToken.None);
        }

        Assert.Empty(await SwiftTestEnvironment.SegmentObjectsAsync(_driver, _prefix + "/pending/"));
        Assert.Equal(content, await _driver.GetContentAsync("/uploads/u/data", CancellationToken.None));
    }

    [Fact]
    public async Task Move_OfALargeObject_CopiesTheManifestOnlyAndDeletingTheDestinationRemovesTheSegments()
    {
        var content = RandomNumberGenerator.GetBytes((4 * SegmentSize) + 1);
        await WriteAsync("/uploads/m/data", content);
        var segmentsBefore = (await SwiftTestEnvironment.LayoutAsync(_driver, "/uploads/m/data")).Segments.Select(s => s.Name).ToList();

        await _driver.MoveAsync("/uploads/m/data", "/blobs/m/data", CancellationToken.None);

        Assert.Equal(segmentsBefore, (await SwiftTestEnvironment.LayoutAsync(_driver, "/blobs/m/data")).Segments.Select(s => s.Name));
        Assert.Equal(content, await _driver.GetContentAsync("/blobs/m/data", CancellationToken.None));
        await Assert.ThrowsAsync<StorageNotFoundException>(() => _driver.StatAsync("/uploads/m/data", CancellationToken.None));

        await _driver.DeleteAsync("/blobs", CancellationToken.None);

        Assert.Empty(await SwiftTestEnvironment.SegmentObjectsAsync(_driver, _prefix + "/segments/"));
    }

    [Fact]
    public async Task Overwriting_ALargeObject_DeletesTheSegmentsItNoLongerUses()
    {
        await WriteAsync("/blobs/o/data", RandomNumberGenerator.GetBytes((3 * SegmentSize) + 7));
        var second = RandomNumberGenerator.GetBytes(SegmentSize + 1);
        await WriteAsync("/blobs/o/data", second);

        var remaining = await SwiftTestEnvironment.SegmentObjectsAsync(_driver, _prefix + "/segments/");
        Assert.Equal(2, remaining.Count);

        await _driver.PutContentAsync("/blobs/o/data", new byte[] { 1, 2, 3 }, CancellationToken.None);

        Assert.Empty(await SwiftTestEnvironment.SegmentObjectsAsync(_driver, _prefix + "/segments/"));
        Assert.Equal(new byte[] { 1, 2, 3 }, await _driver.GetContentAsync("/blobs/o/data", CancellationToken.None));
    }

    private async Task WriteAsync(string path, byte[] content)
    {
        await using var writer = await _driver.CreateWriterAsync(path, append: false, CancellationToken.None);
        for (var offset = 0; offset < content.Length; offset += 10_000)
        {
            await writer.WriteAsync(content.AsMemory(offset, Math.Min(10_000, content.Length - offset)), CancellationToken.None);
        }

        await writer.CommitAsync(CancellationToken.None);
    }
}
