using System.Net;
using System.Text.Json;
using Berth.Api.Tests.Infrastructure;
using Berth.Registry.Events;
using Berth.Registry.GarbageCollection;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Api.Tests.Policies;

/// <summary>Retention rules applied through POST /api/v1/admin/retention, then garbage collection.</summary>
public sealed class RetentionTests(RetentionServerFixture fixture) : IClassFixture<RetentionServerFixture>, IDisposable
{
    private readonly RegistryClient _registry = new(fixture.Server.CreateClient());
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task KeepLast_RemovesAllButTheNewest_SparingKeepTagsAndImmutableTags()
    {
        var repository = await RepositoryAsync(
            """{"immutableTags":[{"tags":"v1"}],"retention":[{"keepLast":2,"keepTags":["latest"]}]}""",
            ("v1", -10), ("latest", -6), ("a", -5), ("b", -4), ("c", -3), ("d", -2));

        var run = await RunAsync(dryRun: false);

        Assert.Equal(["a", "b"], Removed(run, repository));
        Assert.Equal(["c", "d", "latest", "v1"], await TagsAsync(repository));
        var events = fixture.Events.Events.Where(e => e.Repository == repository && e.Action == RegistryEventAction.Delete).ToList();
        Assert.Equal(["a", "b"], events.Select(e => e.Tag).Order(StringComparer.Ordinal));
        Assert.All(events, e => Assert.Equal("retention", e.Actor));
    }

    [Fact]
    public async Task OlderThan_RemovesTagsLastPushedBeforeTheLimit()
    {
        var repository = await RepositoryAsync("""{"retention":[{"olderThanDays":30}]}""", ("old", -40), ("older", -31), ("recent", -29), ("fresh", 0));

        var run = await RunAsync(dryRun: false);

        Assert.Equal(["old", "older"], Removed(run, repository));
        Assert.Equal(["fresh", "recent"], await TagsAsync(repository));
    }

    [Fact]
    public async Task KeepLastWithOlderThan_RemovesOnlyTagsBothCondemn()
    {
        var repository = await RepositoryAsync("""{"retention":[{"keepLast":1,"olderThanDays":30}]}""", ("x", -40), ("y", -35), ("w", -2), ("z", -1));

        var run = await RunAsync(dryRun: false);

        Assert.Equal(["x", "y"], Removed(run, repository));
        Assert.Equal(["w", "z"], await TagsAsync(repository));
    }

    [Fact]
    public async Task DryRun_ReportsWhatWouldGo_AndChangesNothing()
    {
        var repository = await RepositoryAsync("""{"retention":[{"keepLast":1}]}""", ("a", -3), ("b", -2), ("c", -1));

        var run = await RunAsync(dryRun: true);

        Assert.True(run.GetProperty("dryRun").GetBoolean());
        Assert.Equal(["a", "b"], Removed(run, repository));
        Assert.Equal(["a", "b", "c"], await TagsAsync(repository));
        Assert.DoesNotContain(fixture.Events.Events, e => e.Repository == repository && e.Action == RegistryEventAction.Delete);
    }

    [Fact]
    public async Task RetentionThenGarbageCollection_RemovesTheUntaggedImagesBlobs_AndKeepsTheRest()
    {
        var ns = PolicyApi.NewNamespace("gcret");
        var repository = $"{ns}/app";
        var old = await _registry.PushImageAsync(repository, "old");
        var kept = await _registry.PushImageAsync(repository, "kept");
        fixture.SetPushedAt(repository, "old", _now.AddDays(-2));
        fixture.SetPushedAt(repository, "kept", _now.AddDays(-1));
        await PolicyApi.SetAsync(_registry, ns, """{"retention":[{"keepLast":1}]}""");

        Assert.Equal(["old"], Removed(await RunAsync(dryRun: false), repository));
        var collection = await fixture.Server.Services.GetRequiredService<GarbageCollector>().RunAsync(dryRun: false, default);

        Assert.Contains(collection.DeletedManifests, m => m.Repository == repository && m.Digest.ToString() == old.Digest);
        await OciAssert.ErrorAsync(await _registry.GetAsync($"/v2/{repository}/manifests/{old.Digest}"), HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
        foreach (var blob in old.Layers.Append(old.Config))
        {
            await OciAssert.ErrorAsync(await _registry.GetAsync($"/v2/{repository}/blobs/{blob.Digest}"), HttpStatusCode.NotFound, "BLOB_UNKNOWN");
        }

        foreach (var blob in kept.Layers.Append(kept.Config))
        {
            await OciAssert.StatusAsync(HttpStatusCode.OK, await _registry.GetAsync($"/v2/{repository}/blobs/{blob.Digest}"));
        }
    }

    public void Dispose() => _registry.Dispose();

    /// <summary>A repository of a fresh namespace with one image per tag, each tag last pushed the given days from now, then the policy.</summary>
    private async Task<string> RepositoryAsync(string policy, params (string Tag, int Days)[] tags)
    {
        var ns = PolicyApi.NewNamespace("ret");
        var repository = $"{ns}/app";
        foreach (var (tag, days) in tags)
        {
            await _registry.PushImageAsync(repository, tag, layerCount: 1);
            fixture.SetPushedAt(repository, tag, _now.AddDays(days));
        }

        await PolicyApi.SetAsync(_registry, ns, policy);
        return repository;
    }

    private async Task<JsonElement> RunAsync(bool dryRun)
    {
        var response = await _registry.Http.PostAsync($"/api/v1/admin/retention?dryRun={(dryRun ? "true" : "false")}", null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static string[] Removed(JsonElement run, string repository) =>
        [.. run.GetProperty("removed").EnumerateArray()
            .Where(t => t.GetProperty("repository").GetString() == repository)
            .Select(t => t.GetProperty("tag").GetString()!)
            .Order(StringComparer.Ordinal)];

    private async Task<string[]> TagsAsync(string repository)
    {
        var response = await _registry.GetAsync($"/v2/{repository}/tags/list");
        await OciAssert.StatusAsync(HttpStatusCode.OK, response);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. document.RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!)];
    }
}
