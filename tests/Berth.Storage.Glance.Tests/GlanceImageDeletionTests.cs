namespace Berth.Storage.Glance.Tests;

/// <summary>
/// Nodes settling the same object delete the same older versions at once; Glance refuses all but the first delete
/// of an image that is being deleted (400, "status transition from deleted to deleted"), which must not fail a write.
/// </summary>
public sealed class GlanceImageDeletionTests
{
    [Fact]
    public async Task ConcurrentDeletes_OfOneImage_AllSucceed_AndTheImageIsGone()
    {
        using var driver = GlanceTestEnvironment.CreateDriver(GlanceTestEnvironment.Options("deletion"));
        var images = driver.Store.Images;
        for (var round = 0; round < 5; round++)
        {
            var directory = $"/deletion/{Guid.NewGuid():N}";
            var path = directory + "/object";
            var image = await images.CreateAsync(path, GlanceProperties.At(path, GlanceProperties.ObjectKind), CancellationToken.None);

            Assert.Single(await GlanceTestEnvironment.ImagesUnderAsync(driver, directory));

            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var deletes = Enumerable.Range(0, 16).Select(async _ =>
            {
                await start.Task;
                await images.DeleteAsync(image.Id, CancellationToken.None);
            }).ToList();
            start.SetResult();
            await Task.WhenAll(deletes);

            Assert.Empty(await GlanceTestEnvironment.ImagesUnderAsync(driver, directory));
        }
    }
}
