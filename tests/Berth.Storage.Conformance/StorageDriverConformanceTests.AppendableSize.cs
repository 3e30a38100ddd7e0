namespace Berth.Storage.Conformance;

public abstract partial class StorageDriverConformanceTests
{
    [Fact]
    public async Task AppendableSize_AfterClose_IsWhatTheWriterLeft()
    {
        var path = PathUnderRoot("uploads/sized/data");
        await using (var writer = await Driver.CreateWriterAsync(path, append: false, None))
        {
            await writer.WriteAsync(TestContent.Bytes(3000, 1), None);
            await writer.CloseAsync(None);
        }

        Assert.Equal(3000, await Driver.GetAppendableSizeAsync(path, None));
        Assert.Equal(3000, await CreateSecondDriver().GetAppendableSizeAsync(path, None));
    }

    [Fact]
    public async Task AppendableSize_WithNothingToContinue_ThrowsStorageNotFound()
    {
        await Assert.ThrowsAsync<StorageNotFoundException>(() => Driver.GetAppendableSizeAsync(PathUnderRoot("uploads/none/data"), None));
    }

    [Fact]
    public async Task AppendableSize_ReadWhileAWriterAppends_LeavesThatWriterUndisturbed()
    {
        var path = PathUnderRoot("uploads/busy/data");
        var content = TestContent.Bytes(5000, 2);
        await using (var writer = await Driver.CreateWriterAsync(path, append: false, None))
        {
            await writer.WriteAsync(content.AsMemory(0, 2000), None);
            await writer.CloseAsync(None);
        }

        await using (var writer = await Driver.CreateWriterAsync(path, append: true, None))
        {
            await writer.WriteAsync(content.AsMemory(2000, 1000), None);
            var seen = await Driver.GetAppendableSizeAsync(path, None);
            Assert.InRange(seen, 2000, 3000);
            await writer.WriteAsync(content.AsMemory(3000), None);
            await writer.CommitAsync(None);
        }

        Assert.Equal(content, await Driver.GetContentAsync(path, None));
    }
}
