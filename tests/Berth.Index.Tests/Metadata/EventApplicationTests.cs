using System.Security.Cryptography;
using System.Text.Json;
using Berth.Index.Data;
using Berth.Index.Metadata;
using Berth.Index.Tests.Infrastructure;
using Berth.Registry.Content;
using Berth.Registry.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Index.Tests.Metadata;

/// <summary>
/// Registry events applied by the index as a busy registry delivers them: batches sent twice, out of order, several at
/// once for many repositories; each repository must end where its newest event leaves it. Repository sizes kept by
/// difference must equal a count from the manifests, and a reconciliation must put a drifted size right. Images are
/// pushed untagged to this process's registry (so its own events record only the manifests); the tags come from the
/// events under test.
/// </summary>
public abstract class EventApplicationTests : IndexTestBase
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private MetadataApplier Applier => Server.Services.GetRequiredService<MetadataApplier>();

    private RepositorySizeReconciler Reconciler => Server.Services.GetRequiredService<RepositorySizeReconciler>();

    private IRegistryContentReader LocalRegistry => Server.Services.GetRequiredService<IRegistryContentReader>();

    [Fact]
    public async Task ReplayedAndReorderedEvents_EndAtTheNewestPush()
    {
        var (a, b) = await PushTwoAsync("acme/order");
        var moves = new[] { Push("acme/order", "v1", a, 1), Push("acme/order", "v1", b, 2) };

        await Applier.ApplyAsync(moves, default);
        var first = await TagsAsync("acme/order");
        var size = await TotalSizeAsync("acme/order");
        await Applier.ApplyAsync(moves, default);
        await Applier.ApplyAsync([Push("acme/order", "v1", a, 1)], default);
        await Applier.ApplyAsync([DeleteTag("acme/order", "v1", 1)], default);
        var afterStale = await TagsAsync("acme/order");
        await Applier.ApplyAsync([Push("acme/order", "v2", b, 4), Push("acme/order", "v2", a, 3)], default);
        var reversed = await TagsAsync("acme/order");
        await Applier.ApplyAsync([DeleteTag("acme/order", "v2", 5), Push("acme/order", "v1", a, 6)], default);
        var final = await TagsAsync("acme/order");

        Assert.Equal(new Dictionary<string, string> { ["v1"] = b }, first);
        Assert.Equal(new Dictionary<string, string> { ["v1"] = b }, afterStale);
        Assert.Equal(new Dictionary<string, string> { ["v1"] = b, ["v2"] = b }, reversed);
        Assert.Equal(new Dictionary<string, string> { ["v1"] = a }, final);
        Assert.Equal(size, await TotalSizeAsync("acme/order"));
        Assert.Equal(0, await Reconciler.RunAsync(default));
    }

    [Fact]
    public async Task ConcurrentBatches_ForManyRepositories_EachRepositoryEndsAtItsNewestPush()
    {
        var repositories = new[] { "acme/one", "acme/two", "acme/three", "acme/four", "acme/five" };
        var images = new Dictionary<string, (string A, string B)>();
        foreach (var repository in repositories)
        {
            images[repository] = await PushTwoAsync(repository);
        }

        // Per repository 40 moves of "latest" between its two images; the newest (minute 40) points at B for even-length names.
        var events = repositories.SelectMany(r => Enumerable.Range(1, 40).Select(m => Push(r, "latest", (m + r.Length) % 2 == 0 ? images[r].B : images[r].A, m))).ToList();
        var batches = events.Chunk(7).Select(c => (IReadOnlyList<RegistryEvent>)c).ToList();
        var shuffled = batches.Concat(batches.Take(5)).OrderBy(_ => RandomNumberGenerator.GetInt32(1000)).ToList();

        await Task.WhenAll(shuffled.Select(batch => Task.Run(() => Applier.ApplyAsync(batch, default))));

        foreach (var repository in repositories)
        {
            var expected = (40 + repository.Length) % 2 == 0 ? images[repository].B : images[repository].A;
            Assert.Equal(new Dictionary<string, string> { ["latest"] = expected }, await TagsAsync(repository));
        }

        Assert.Equal(0, await Reconciler.RunAsync(default));
    }

    [Fact]
    public async Task TotalSize_CountsSharedLayersOnce_FollowsDeletes_AndIsReconciledAfterDrift()
    {
        var token = await TokenAsync("admin", AdminPassword, "repository:acme/size:pull,push");
        var shared = RandomNumberGenerator.GetBytes(3000);
        var x = await TestImages.PushImageAsync(Http, token, "acme/size", null, layer: shared);
        await Server.Services.GetRequiredService<MetadataQueue>().FlushAsync(default);
        var onlyX = await TotalSizeAsync("acme/size");
        var y = await TestImages.PushImageAsync(Http, token, "acme/size", null, new Dictionary<string, string> { ["image"] = "y" }, layer: shared);
        await Server.Services.GetRequiredService<MetadataQueue>().FlushAsync(default);
        var both = await TotalSizeAsync("acme/size");
        var (manifestX, configX) = await OwnSizesAsync("acme/size", x);
        var (manifestY, configY) = await OwnSizesAsync("acme/size", y);

        await Applier.ApplyAsync([DeleteManifest("acme/size", x, 1)], default);
        var afterDeleteX = await TotalSizeAsync("acme/size");
        await using (var db = Server.Services.GetRequiredService<IndexDbContextFactory>().Create())
        {
            var id = await db.Repositories.Where(r => r.Name == "acme/size").Select(r => r.Id).SingleAsync();
            await db.RepositoryBlobs.Where(b => b.RepositoryId == id && b.Digest != y).ExecuteDeleteAsync();
            await db.Repositories.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.TotalSize, 1));
        }

        var drifted = await Reconciler.RunAsync(default);
        var reconciled = await TotalSizeAsync("acme/size");
        await Applier.ApplyAsync([DeleteManifest("acme/size", y, 2)], default);
        var afterDeleteY = await TotalSizeAsync("acme/size");

        Assert.Equal(manifestX + configX + 3000, onlyX);
        Assert.Equal(onlyX + manifestY + configY, both);
        Assert.Equal(manifestY + configY + 3000, afterDeleteX);
        Assert.Equal(1, drifted);
        Assert.Equal(afterDeleteX, reconciled);
        Assert.Equal(0, afterDeleteY);
        Assert.Equal(0, await Reconciler.RunAsync(default));
    }

    [Fact]
    public async Task PushesCarryingManifestAndConfig_AreShownWithoutAnyRead_ExactlyAsWhenRead()
    {
        var image = TestImages.Image(new Dictionary<string, string> { ["team"] = "blue" }, "arm64", RandomNumberGenerator.GetBytes(1500));
        var token = await TokenAsync("admin", AdminPassword, "repository:acme/read:pull,push");
        var digest = await TestImages.PushImageAsync(Http, token, "acme/read", null, image);
        await Server.Services.GetRequiredService<MetadataQueue>().FlushAsync(default);
        var carriedReads = new CountingContentReader(LocalRegistry);
        var manifestOnlyReads = new CountingContentReader(LocalRegistry);
        var oldFormatReads = new CountingContentReader(LocalRegistry);

        // acme/carried exists nowhere but in the event: anything read for it would come back empty.
        await Applier.ApplyAsync([Carrying(Push("acme/carried", "v1", digest, 1), image)], carriedReads, default);
        await Applier.ApplyAsync([Push("acme/read", "v1", digest, 1) with { ManifestContent = image.Manifest }], manifestOnlyReads, default);
        await Applier.ApplyAsync([Push("acme/read", "v2", digest, 2)], oldFormatReads, default);

        Assert.Equal(0, carriedReads.Reads);
        Assert.Equal((0, 1), (manifestOnlyReads.ManifestReads, manifestOnlyReads.ConfigReads));
        Assert.Equal((1, 1), (oldFormatReads.ManifestReads, oldFormatReads.ConfigReads));
        var carried = await ShownAsync("acme/carried", "v1");
        Assert.Equal(await ShownAsync("acme/read", "v1"), carried);
        Assert.Equal(await ShownAsync("acme/read", "v2"), carried);
        Assert.Equal((digest, "[\"linux/arm64\"]", "{\"team\":\"blue\"}"), (carried.Digest, carried.Platforms, carried.Labels));
        Assert.Equal(new DateTime(2026, 11, 1, 12, 0, 0), carried.Created);
        Assert.Equal(image.Manifest.Length + image.Config.Length + image.Layer.Length, carried.RepositorySize);
        Assert.Equal(0, await Reconciler.RunAsync(default));
    }

    /// <summary>
    /// The index in the registry's own process takes a push's manifest from its event, not from the store (before: the
    /// manifest read back with its revision link's check), and opens the config the way a pull opens a blob.
    /// </summary>
    [Fact]
    public async Task PushToThisProcess_CarriesItsManifestToTheIndex_AndOpensItsConfigAsAPullDoes()
    {
        var image = TestImages.Image(new Dictionary<string, string> { ["team"] = "green" }, "amd64", RandomNumberGenerator.GetBytes(1200));
        var token = await TokenAsync("admin", AdminPassword, "repository:acme/local:pull,push");
        await TestImages.PushBlobAsync(Http, token, "acme/local", image.Config);
        await TestImages.PushBlobAsync(Http, token, "acme/local", image.Layer);

        string digest;
        using (var meter = new StorageOperationMeter(Server))
        {
            // By digest: the push itself then reads nothing (no tag to resolve, no tag rule to look up).
            digest = await TestImages.PutManifestAsync(Http, token, "acme/local", TestImages.Digest(image.Manifest), image.Manifest, TestImages.OciManifest);
            await Server.Services.GetRequiredService<MetadataQueue>().FlushAsync(default);
            // The push: 2 layer links, 2 contents after the revision link, then the final check (link, manifest, 2
            // contents); the manifest's content and revision link. The index: no manifest read back; the config opened
            // as a pull opens a blob, which on files stats the link and the content before the read (on an object
            // store the link's check goes out with the read instead: ColdReadRoundTripTests).
            Assert.Equal(new SortedDictionary<string, long> { ["open_read"] = 1, ["put_content"] = 2, ["stat"] = 10 }, meter.Operations);
        }

        await using var db = Server.Services.GetRequiredService<IndexDbContextFactory>().Create();
        var row = await db.Manifests.SingleAsync(m => m.Digest == digest);
        Assert.Equal(("linux/amd64", "{\"team\":\"green\"}"), (row.Platform, row.LabelsJson));
        Assert.Equal(image.Manifest.Length + image.Config.Length + image.Layer.Length, row.TotalSize);
    }

    [Fact]
    public async Task MultiPlatformIndex_PushedWithItsImagesInOneBatch_IsShownWithoutAnyRead()
    {
        var amd64 = TestImages.Image(new Dictionary<string, string> { ["arch"] = "amd64" }, "amd64", RandomNumberGenerator.GetBytes(1000));
        var arm64 = TestImages.Image(null, "arm64", RandomNumberGenerator.GetBytes(2000));
        var index = JsonSerializer.SerializeToUtf8Bytes(new
        {
            schemaVersion = 2,
            mediaType = TestImages.OciIndex,
            manifests = new[] { (amd64, "amd64"), (arm64, "arm64") }.Select(c => new
            {
                mediaType = TestImages.OciManifest,
                digest = TestImages.Digest(c.Item1.Manifest),
                size = c.Item1.Manifest.Length,
                platform = new { os = "linux", architecture = c.Item2 },
            }),
        });
        var reads = new CountingContentReader(LocalRegistry);
        RegistryEvent[] batch =
        [
            Carrying(Untagged("acme/multi", TestImages.Digest(amd64.Manifest), 1), amd64),
            Carrying(Untagged("acme/multi", TestImages.Digest(arm64.Manifest), 1), arm64),
            Push("acme/multi", "latest", TestImages.Digest(index), 2) with { ManifestContent = index },
        ];

        await Applier.ApplyAsync(batch, reads, default);

        var shown = await ShownAsync("acme/multi", "latest");
        Assert.Equal(0, reads.Reads);
        Assert.Equal("[\"linux/amd64\",\"linux/arm64\"]", shown.Platforms);
        Assert.Equal("{\"arch\":\"amd64\"}", shown.Labels);
        Assert.Equal(index.Length + new[] { amd64, arm64 }.Sum(i => i.Manifest.Length + i.Config.Length + i.Layer.Length), shown.Size);
    }

    /// <summary>Two untagged images in the repository, their manifests recorded; returns their digests.</summary>
    private async Task<(string A, string B)> PushTwoAsync(string repository)
    {
        var token = await TokenAsync("admin", AdminPassword, $"repository:{repository}:pull,push");
        var a = await TestImages.PushImageAsync(Http, token, repository, null);
        var b = await TestImages.PushImageAsync(Http, token, repository, null, layerBytes: 2000);
        await Server.Services.GetRequiredService<MetadataQueue>().FlushAsync(default);
        return (a, b);
    }

    /// <summary>What the index shows of a tag, and its repository's size.</summary>
    private async Task<ShownTag> ShownAsync(string repository, string tag)
    {
        await using var db = Server.Services.GetRequiredService<IndexDbContextFactory>().Create();
        var row = await db.Tags.Join(db.Repositories.Where(r => r.Name == repository), t => t.RepositoryId, r => r.Id, (t, r) => new { Tag = t, r.TotalSize })
            .SingleAsync(t => t.Tag.Name == tag);
        return new ShownTag(row.Tag.Digest, row.Tag.MediaType, row.Tag.Size, row.Tag.PlatformsJson, row.Tag.LabelsJson, row.Tag.CreatedAt, row.TotalSize);
    }

    private async Task<Dictionary<string, string>> TagsAsync(string repository)
    {
        await using var db = Server.Services.GetRequiredService<IndexDbContextFactory>().Create();
        return await db.Tags.Join(db.Repositories.Where(r => r.Name == repository), t => t.RepositoryId, r => r.Id, (t, _) => t)
            .ToDictionaryAsync(t => t.Name, t => t.Digest);
    }

    private async Task<long> TotalSizeAsync(string repository)
    {
        await using var db = Server.Services.GetRequiredService<IndexDbContextFactory>().Create();
        return await db.Repositories.Where(r => r.Name == repository).Select(r => r.TotalSize).SingleAsync();
    }

    private async Task<(long Manifest, long Config)> OwnSizesAsync(string repository, string digest)
    {
        await using var db = Server.Services.GetRequiredService<IndexDbContextFactory>().Create();
        var row = await db.Manifests.Join(db.Repositories.Where(r => r.Name == repository), m => m.RepositoryId, r => r.Id, (m, _) => m).SingleAsync(m => m.Digest == digest);
        return (row.Size, row.ConfigSize ?? 0);
    }

    private static RegistryEvent Push(string repository, string tag, string digest, int minute) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        Timestamp = Start.AddMinutes(minute),
        Action = RegistryEventAction.Push,
        Repository = repository,
        IsManifest = true,
        Digest = Digest.Parse(digest),
        Tag = tag,
    };

    /// <summary>The push as a registry sends it to its index: with the manifest and the config's details.</summary>
    private static RegistryEvent Carrying(RegistryEvent push, ImageBytes image) => push with
    {
        ManifestContent = image.Manifest,
        Config = ImageConfigDetails.Parse(Digest.Parse(TestImages.Digest(image.Config)), image.Config),
    };

    private static RegistryEvent Untagged(string repository, string digest, int minute) => Push(repository, "unused", digest, minute) with { Tag = null };

    private static RegistryEvent DeleteTag(string repository, string tag, int minute) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        Timestamp = Start.AddMinutes(minute),
        Action = RegistryEventAction.Delete,
        Repository = repository,
        IsManifest = true,
        Tag = tag,
    };

    private static RegistryEvent DeleteManifest(string repository, string digest, int minute) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        Timestamp = Start.AddMinutes(minute),
        Action = RegistryEventAction.Delete,
        Repository = repository,
        IsManifest = true,
        Digest = Digest.Parse(digest),
    };

    private sealed record ShownTag(string Digest, string MediaType, long Size, string? Platforms, string? Labels, DateTime? Created, long RepositorySize);
}
