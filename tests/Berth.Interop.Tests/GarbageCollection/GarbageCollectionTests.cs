using System.Net;
using System.Text.Json.Nodes;
using Berth.Interop.Tests.Fixtures;
using Berth.Interop.Tests.Layout;
using Berth.Registry.Content;
using Berth.Registry.Layout;
using Berth.Storage;

namespace Berth.Interop.Tests.GarbageCollection;

/// <summary>
/// Online garbage collection against real skopeo pushes and pulls (docs/gc.md): what a tag, index or referrer
/// reaches survives byte for byte, what nothing reaches is gone, and pushes that run during collections lose nothing.
/// </summary>
public abstract class GarbageCollectionTests<TFixture>(TFixture registry)
    where TFixture : GcBerthFixture
{
    private const string SbomType = "application/vnd.berth.test.sbom";

    protected TFixture Registry { get; } = registry;

    protected Tools.Skopeo Skopeo { get; } = new();

    [Fact]
    public async Task Collect_AfterTagDeletes_KeepsEveryReachableImagePullable_AndRemovesEveryUnreferencedBlob()
    {
        using var work = new TempDirectory();
        var source = new OciLayoutBuilder(work.Combine("source"), seed: 91);
        var baseImage = source.AddImage(layerCount: 2);
        var appA = source.AddImage(layerCount: 1, baseImage: baseImage);
        var appB = source.AddImage(layerCount: 1, baseImage: baseImage);
        var amd = source.AddImage(layerCount: 1, architecture: "amd64");
        var arm = source.AddImage(layerCount: 1, architecture: "arm64");
        var index = source.AddIndex([amd, arm]);
        var sbom = source.AddArtifact(SbomType, appA.Manifest, "application/spdx+json", source.RandomBytes(1024));
        var old = source.AddImage(layerCount: 2);
        foreach (var (tag, descriptor) in new[] { ("a", appA.Manifest), ("b", appB.Manifest), ("base", baseImage.Manifest), ("multi", index), ("sbom", sbom), ("old", old.Manifest) })
        {
            source.Tag(tag, descriptor);
        }

        var one = $"{Registry.HostPort}/gc/one";
        var two = $"{Registry.HostPort}/gc/two";
        foreach (var (tag, repository) in new[] { ("a", one), ("multi", one), ("sbom", one), ("old", one), ("b", two), ("base", two) })
        {
            await Skopeo.PushAsync(source.Directory, tag, $"{repository}:{tag}");
        }

        using var http = Registry.CreateClient();
        foreach (var (repository, tag) in new[] { ("gc/one", "old"), ("gc/one", "sbom"), ("gc/two", "base") })
        {
            using var deleted = await http.DeleteAsync($"/v2/{repository}/manifests/{tag}");
            Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        }

        await Task.Delay(Registry.GracePeriod * 2);
        var report = await Registry.Collector.RunAsync(dryRun: false, default);

        foreach (var (tag, reference) in new[] { ("a", $"{one}:a"), ("multi", $"{one}:multi"), ("b", $"{two}:b"), ("sbom", $"{one}@{sbom.Digest}") })
        {
            await Skopeo.PullAsync(reference, work.Combine("pulled-" + tag), tag);
            LayoutAssert.SameContent(source.Directory, work.Combine("pulled-" + tag), tag);
        }

        using var referrers = await http.GetAsync($"/v2/gc/one/referrers/{appA.Manifest.Digest}");
        Assert.Equal(sbom.Digest, Assert.Single(JsonNode.Parse(await referrers.Content.ReadAsStringAsync())!["manifests"]!.AsArray())!["digest"]!.GetValue<string>());
        Assert.Equal(2, report.ManifestsDeleted);
        OciDescriptor[] unreferenced = [old.Manifest, old.Config, .. old.Layers, baseImage.Manifest, baseImage.Config];
        foreach (var gone in unreferenced)
        {
            Assert.False(await ExistsAsync(RegistryLayout.BlobData(Digest.Parse(gone.Digest))), $"{gone.Digest} is still stored.");
        }

        foreach (var kept in baseImage.Layers)
        {
            Assert.True(await ExistsAsync(RegistryLayout.BlobData(Digest.Parse(kept.Digest))), $"Shared layer {kept.Digest} was removed.");
        }

        using var baseByDigest = await http.GetAsync($"/v2/gc/two/manifests/{baseImage.Manifest.Digest}");
        Assert.Equal(HttpStatusCode.NotFound, baseByDigest.StatusCode);
        var after = await Registry.Collector.RunAsync(dryRun: true, default);
        Assert.Empty(after.DeletedBlobs);
        Assert.Empty(after.DeletedManifests);
    }

    [Fact]
    public async Task Pushes_WhileCollectionsRunRepeatedly_LoseNothing()
    {
        using var work = new TempDirectory();
        var source = new OciLayoutBuilder(work.Combine("source"), seed: 92);
        var baseImage = source.AddImage(layerCount: 2);
        var retired = source.AddImage(layerCount: 1, baseImage: baseImage);
        source.Tag("base", baseImage.Manifest);
        source.Tag("retired", retired.Manifest);
        var repository = $"{Registry.HostPort}/gc/race";
        await Skopeo.PushAsync(source.Directory, "base", $"{repository}:base");
        await Skopeo.PushAsync(source.Directory, "retired", $"{repository}:retired");
        using (var http = Registry.CreateClient())
        {
            (await http.DeleteAsync("/v2/gc/race/manifests/retired")).Dispose();
        }

        // The retired image's own layer is now unreferenced and older than the grace period, so every collection
        // sets it aside while the new images, built on it, keep referencing it: the path where a push and a
        // collection meet on the same blob.
        var images = Enumerable.Range(0, 8).Select(i => source.AddImage(layerCount: 1, baseImage: i % 2 == 0 ? retired : baseImage)).ToList();
        for (var i = 0; i < images.Count; i++)
        {
            source.Tag($"n{i}", images[i].Manifest);
        }

        await Task.Delay(Registry.GracePeriod * 2);
        using var stop = new CancellationTokenSource();
        var collections = CollectRepeatedlyAsync(stop.Token);
        var failedAttempts = 0;
        try
        {
            for (var i = 0; i < images.Count; i++)
            {
                failedAttempts += await PushWithRetriesAsync(source.Directory, $"n{i}", $"{repository}:n{i}");
            }
        }
        finally
        {
            await stop.CancelAsync();
        }

        var runs = await collections;
        Assert.True(runs >= 2, $"Only {runs} collections ran during the pushes.");
        await Registry.Collector.RunAsync(dryRun: false, default);
        for (var i = 0; i < images.Count; i++)
        {
            await Skopeo.PullAsync($"{repository}:n{i}", work.Combine($"pulled-n{i}"), $"n{i}");
            LayoutAssert.SameContent(source.Directory, work.Combine($"pulled-n{i}"), $"n{i}");
        }

        Assert.True(failedAttempts <= images.Count * 2, $"{failedAttempts} push attempts failed.");
    }

    private async Task<int> CollectRepeatedlyAsync(CancellationToken cancellationToken)
    {
        var runs = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            await Registry.Collector.RunAsync(dryRun: false, CancellationToken.None);
            runs++;
            await Task.Delay(100, CancellationToken.None);
        }

        return runs;
    }

    /// <summary>
    /// A push that met a collection may fail with MANIFEST_BLOB_UNKNOWN (the blob it reused was set aside); pushing
    /// again uploads it. Returns how many attempts failed.
    /// </summary>
    private async Task<int> PushWithRetriesAsync(string layout, string tag, string reference)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await Skopeo.PushAsync(layout, tag, reference);
                return attempt;
            }
            catch (InvalidOperationException e) when (attempt < 4 && e.Message.Contains("manifest blob unknown", StringComparison.OrdinalIgnoreCase))
            {
                // Refused, not lost: the next attempt finds the blob missing and uploads it again.
            }
        }
    }

    private async Task<bool> ExistsAsync(string path)
    {
        try
        {
            await Registry.Storage.StatAsync(path, default);
            return true;
        }
        catch (StorageNotFoundException)
        {
            return false;
        }
    }
}
