using Berth.Index.Accounts;
using Berth.Index.Metadata;
using Berth.Index.Repositories;
using Berth.Index.Sites;
using Berth.Index.Tests.Infrastructure;
using Berth.Registry.Content;
using Berth.Registry.Events;
using Berth.Registry.Manifests;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Index.Tests.Metadata;

/// <summary>
/// A repository held by two registered registries (sites): each site's tags are kept apart and shown per site; a
/// delete at one site keeps a tag the other holds; a resync of one site keeps the other's tags. The sites' content is
/// this process's registry read under a site's name, so only the index's bookkeeping is under test.
/// </summary>
public abstract class SiteTagsTests : IndexTestBase
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private RepositoryQueries Queries => Server.Services.GetRequiredService<RepositoryQueries>();

    private MetadataApplier Applier => Server.Services.GetRequiredService<MetadataApplier>();

    [Fact]
    public async Task RepositoryHeldByTwoSites_KeepsEachSitesTags_ThroughDeletesAndResyncs()
    {
        var token = await TokenAsync("admin", AdminPassword, "repository:acme/shared:pull,push");
        var v1 = await TestImages.PushImageAsync(Http, token, "acme/shared", "v1");
        var v2 = await TestImages.PushImageAsync(Http, token, "acme/shared", "v2", layerBytes: 2048);
        await Server.Services.GetRequiredService<MetadataQueue>().FlushAsync(default);
        var sites = Server.Services.GetRequiredService<RegistrySites>();
        await sites.AddAsync("site-a", new Uri("http://127.0.0.1:9/"), null, "a.example.com", default);
        await sites.AddAsync("site-b", new Uri("http://127.0.0.1:9/"), null, "b.example.com", default);
        var local = Server.Services.GetRequiredService<IRegistryContentReader>();
        var siteA = new SiteOverLocalRegistry(local, "site-a", ["v1"]);
        var siteB = new SiteOverLocalRegistry(local, "site-b", ["v2"]);

        await Applier.ApplyAsync([Push("v1", v1, 1)], siteA, default);
        await Applier.ApplyAsync([Push("v1", v1, 2), Push("v2", v2, 3)], siteB, default);
        var both = await DetailAsync();
        await Applier.ApplyAsync([Delete("v1", 4)], siteB, default);
        var afterDeleteAtB = await DetailAsync();
        await Server.Services.GetRequiredService<MetadataBackfill>().SyncRepositoryAsync("acme/shared", siteA, default);
        var afterResyncOfA = await DetailAsync();
        await Applier.ApplyAsync([Delete("v1", 5)], siteA, default);
        var afterDeleteAtA = await DetailAsync();

        Assert.Equal(["site-b", "site-a"], both.Sites.Select(s => s.Registry));
        Assert.Equal(["v2", "v1"], both.Sites[0].Tags.Select(t => t.Name));
        Assert.Equal((v1, "a.example.com"), (both.Sites[1].Tags.Single().Digest, both.Sites[1].PullHost));
        Assert.Equal(["v1", "v2"], afterDeleteAtB.Tags.Select(t => t.Name).Order());
        Assert.Equal(["v2"], afterDeleteAtB.Sites.Single(s => s.Registry == "site-b").Tags.Select(t => t.Name));
        Assert.Equal(["v1", "v2"], afterResyncOfA.Tags.Select(t => t.Name).Order());
        Assert.Equal(["v2"], afterDeleteAtA.Tags.Select(t => t.Name));
        Assert.Equal(["site-b"], afterDeleteAtA.Sites.Select(s => s.Registry));
    }

    private async Task<RepositoryDetail> DetailAsync()
    {
        var admin = (await Server.Services.GetRequiredService<Authenticator>().LoginAsync("admin", AdminPassword, null, default)).Principal;
        return await Queries.GetAsync("acme/shared", admin, default) ?? throw new InvalidOperationException("acme/shared is not shown.");
    }

    private static RegistryEvent Push(string tag, string digest, int minute) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        Timestamp = Start.AddMinutes(minute),
        Action = RegistryEventAction.Push,
        Repository = "acme/shared",
        IsManifest = true,
        Digest = Digest.Parse(digest),
        Tag = tag,
    };

    private static RegistryEvent Delete(string tag, int minute) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        Timestamp = Start.AddMinutes(minute),
        Action = RegistryEventAction.Delete,
        Repository = "acme/shared",
        IsManifest = true,
        Tag = tag,
    };

    /// <summary>This process's registry read as a registered site, listing the tags the site is meant to hold.</summary>
    private sealed class SiteOverLocalRegistry(IRegistryContentReader local, string name, IReadOnlyList<string> tags) : IRegistryContentReader
    {
        public bool IsAvailable => true;

        public string? RegistryName => name;

        public Task<IReadOnlyList<string>> ListRepositoriesAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>>(["acme/shared"]);

        public Task<IReadOnlyList<string>> ListTagsAsync(string repository, CancellationToken cancellationToken) => Task.FromResult(tags);

        public Task<StoredManifest?> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken) =>
            local.GetManifestAsync(repository, reference, cancellationToken);

        public Task<ImageConfigDetails?> ReadConfigAsync(string repository, Digest digest, CancellationToken cancellationToken) =>
            local.ReadConfigAsync(repository, digest, cancellationToken);

        public Task<IReadOnlyList<Descriptor>> ListReferrersAsync(string repository, Digest subject, CancellationToken cancellationToken) =>
            local.ListReferrersAsync(repository, subject, cancellationToken);

        public Task<bool> DeleteTagAsync(string repository, string tag, CancellationToken cancellationToken) => Task.FromResult(false);
    }
}
