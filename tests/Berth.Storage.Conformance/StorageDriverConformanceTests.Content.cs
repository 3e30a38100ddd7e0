namespace Berth.Storage.Conformance;

public abstract partial class StorageDriverConformanceTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4096)]
    [InlineData(1024 * 1024)]
    public async Task PutContent_ThenGetContent_ReturnsTheSameBytes(int length)
    {
        var path = PathUnderRoot("a/b/object");
        var content = TestContent.Bytes(length, length);

        await Driver.PutContentAsync(path, content, None);

        Assert.Equal(content, await Driver.GetContentAsync(path, None));
    }

    [Fact]
    public async Task PutContent_WithNonUtf8Bytes_IsStoredVerbatim()
    {
        var path = PathUnderRoot("binary");
        byte[] content = [0x80, 0x00, 0xff, 0xc3, 0x28, 0x0d, 0x0a];

        await Driver.PutContentAsync(path, content, None);

        Assert.Equal(content, await Driver.GetContentAsync(path, None));
    }

    [Fact]
    public async Task PutContent_OverAnExistingObject_ReplacesItWhollyIncludingWhenShorter()
    {
        var path = PathUnderRoot("object");
        await Driver.PutContentAsync(path, TestContent.Bytes(100_000, 1), None);
        var shorter = TestContent.Bytes(10, 2);

        await Driver.PutContentAsync(path, shorter, None);

        Assert.Equal(shorter, await Driver.GetContentAsync(path, None));
        Assert.Equal(shorter.Length, (await Driver.StatAsync(path, None)).Size);
    }

    [Fact]
    public async Task PutContent_WhileAnotherTaskReads_ReadersSeeTheOldOrTheNewContentNeverAMix()
    {
        var path = PathUnderRoot("swapped");
        var first = TestContent.Bytes(64 * 1024, 1);
        var second = TestContent.Bytes(48 * 1024, 2);
        await Driver.PutContentAsync(path, first, None);
        using var stop = new CancellationTokenSource();

        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
            {
                await Driver.PutContentAsync(path, i % 2 == 0 ? second : first, None);
            }
        });
        var reads = 0;
        while (!writer.IsCompleted || reads == 0)
        {
            var seen = await Driver.GetContentAsync(path, None);
            Assert.True(seen.AsSpan().SequenceEqual(first) || seen.AsSpan().SequenceEqual(second), $"read {reads} returned {seen.Length} bytes that are neither version");
            reads++;
        }

        await writer;
    }

    [Fact]
    public async Task GetContent_OfAMissingPath_ThrowsStorageNotFound()
    {
        await Driver.PutContentAsync(PathUnderRoot("present"), new byte[] { 1 }, None);

        var error = await Assert.ThrowsAsync<StorageNotFoundException>(() => Driver.GetContentAsync(PathUnderRoot("missing"), None));
        Assert.Equal(PathUnderRoot("missing"), error.Path);
        await Assert.ThrowsAsync<StorageNotFoundException>(() => Driver.GetContentAsync(PathUnderRoot("missing/deeper"), None));
        await Assert.ThrowsAsync<StorageNotFoundException>(() => Driver.GetContentAsync(PathUnderRoot("present/child"), None));
    }

    [Fact]
    public async Task GetContent_OfADirectory_ThrowsStorageNotFound()
    {
        await Driver.PutContentAsync(PathUnderRoot("dir/child"), new byte[] { 1 }, None);

        await Assert.ThrowsAsync<StorageNotFoundException>(() => Driver.GetContentAsync(PathUnderRoot("dir"), None));
    }

    [Fact]
    public async Task OpenRead_AtAnyOffset_ReturnsTheContentFromThere()
    {
        var path = PathUnderRoot("ranged");
        var content = TestContent.Bytes(3 * 32 * 1024, 7);
        await Driver.PutContentAsync(path, content, None);

        foreach (var offset in new[] { 0, 1, 32 * 1024, (content.Length / 2) + 17, content.Length - 1 })
        {
            await using var read = await Driver.OpenReadAsync(path, offset, None);
            Assert.Equal(content.AsSpan(offset).ToArray(), await TestContent.ReadAllAsync(read.Content, None));
        }
    }

    [Fact]
    public async Task OpenRead_AtAnyOffset_ReportsTheWholeObjectsSizeFromTheSameRead()
    {
        var path = PathUnderRoot("sized");
        var content = TestContent.Bytes((2 * 32 * 1024) + 5, 13);
        await Driver.PutContentAsync(path, content, None);

        foreach (var offset in new long[] { 0, 1, content.Length / 2, content.Length - 1, content.Length, content.Length + 1, content.Length + 100_000 })
        {
            await using var read = await Driver.OpenReadAsync(path, offset, None);
            Assert.Equal(content.Length, read.Size);
        }
    }

    [Fact]
    public async Task OpenRead_OfAReplacedObject_ReportsTheNewSizeWithTheNewContent()
    {
        var path = PathUnderRoot("replaced");
        await Driver.PutContentAsync(path, TestContent.Bytes(5000, 1), None);
        var replacement = TestContent.Bytes(1200, 2);
        await Driver.PutContentAsync(path, replacement, None);

        await using (var whole = await Driver.OpenReadAsync(path, 0, None))
        {
            Assert.Equal(replacement.Length, whole.Size);
            Assert.Equal(replacement, await TestContent.ReadAllAsync(whole.Content, None));
        }

        await using var beyond = await Driver.OpenReadAsync(path, 3000, None);
        Assert.Equal(replacement.Length, beyond.Size);
        Assert.Empty(await TestContent.ReadAllAsync(beyond.Content, None));
    }

    [Fact]
    public async Task OpenRead_AtOrBeyondTheEnd_ReturnsAnEmptyStream()
    {
        var path = PathUnderRoot("ranged");
        var content = TestContent.Bytes(1000, 3);
        await Driver.PutContentAsync(path, content, None);

        foreach (var offset in new long[] { content.Length, content.Length + 1, content.Length + 100_000 })
        {
            await using var read = await Driver.OpenReadAsync(path, offset, None);
            Assert.Empty(await TestContent.ReadAllAsync(read.Content, None));
        }
    }

    [Fact]
    public async Task OpenRead_OfAnEmptyObject_ReturnsAnEmptyStream()
    {
        var path = PathUnderRoot("empty");
        await Driver.PutContentAsync(path, ReadOnlyMemory<byte>.Empty, None);

        await using var read = await Driver.OpenReadAsync(path, 0, None);

        Assert.Equal(0, read.Size);
        Assert.Empty(await TestContent.ReadAllAsync(read.Content, None));
    }

    [Fact]
    public async Task OpenRead_WithANegativeOffset_ThrowsArgumentOutOfRange()
    {
        var path = PathUnderRoot("object");
        await Driver.PutContentAsync(path, new byte[] { 1, 2, 3 }, None);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Driver.OpenReadAsync(path, -1, None));
    }

    [Fact]
    public async Task OpenRead_OfAMissingPath_ThrowsStorageNotFoundAtAnyOffset()
    {
        await Assert.ThrowsAsync<StorageNotFoundException>(() => Driver.OpenReadAsync(PathUnderRoot("missing"), 0, None));
        await Assert.ThrowsAsync<StorageNotFoundException>(() => Driver.OpenReadAsync(PathUnderRoot("missing"), 64, None));
    }

    [Fact]
    public async Task OpenRead_DisposedBeforeTheEnd_ReleasesTheObject()
    {
        var path = PathUnderRoot("partly-read");
        await Driver.PutContentAsync(path, TestContent.Bytes(4 * 1024 * 1024, 5), None);

        await using (var read = await Driver.OpenReadAsync(path, 10, None))
        {
            var buffer = new byte[100];
            Assert.True(await read.Content.ReadAsync(buffer, None) > 0);
        }

        await Driver.DeleteAsync(path, None);
        await Assert.ThrowsAsync<StorageNotFoundException>(() => Driver.StatAsync(path, None));
    }

    [Fact]
    public async Task GetRedirectUrl_IsNullOrServesTheContent()
    {
        var path = PathUnderRoot("redirected");
        var content = TestContent.Bytes(2048, 11);
        await Driver.PutContentAsync(path, content, None);

        var url = await Driver.GetRedirectUrlAsync(path, None);

        if (url is not null)
        {
            Assert.True(url.IsAbsoluteUri, $"redirect URL {url} is not absolute");
            using var http = new HttpClient();
            Assert.Equal(content, await http.GetByteArrayAsync(url));
        }
    }
}
