using System.Security.Cryptography;
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

    /// <summary>Two untagged images in the repository, their manifests recorded; returns their digests.</summary>
    private async Task<(string A, string B)> PushTwoAsync(string repository)
    {
        var token = await TokenAsync("admin", AdminPassword, $"repository:{repository}:pull,push");
        var a = await TestImages.PushImageAsync(Http, token, repository, null);
        var b = await TestImages.PushImageAsync(Http, token, repository, null, layerBytes: 2000);
        await Server.Services.GetRequiredService<MetadataQueue>().FlushAsync(default);
        return (a, b);
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
}
