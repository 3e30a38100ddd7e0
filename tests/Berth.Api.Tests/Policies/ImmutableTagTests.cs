using System.Net;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Policies;

/// <summary>
/// Immutable tags (a namespace policy's immutableTags patterns) over HTTP: moving or deleting such a tag is 403 DENIED
/// naming the tag and the pattern, and writes nothing; pushing the same digest again succeeds.
/// </summary>
public abstract class ImmutableTagTests(RegistryFixture fixture) : RegistryTestBase(fixture)
{
    private const string Policy = """{"immutableTags":[{"tags":"v*"}]}""";

    [Fact]
    public async Task PushOfAnotherDigestToImmutableTag_IsDeniedNamingTagAndPattern_AndWritesNothing()
    {
        var (repository, pushed) = await ImmutableRepositoryAsync();
        var other = await PushBlobsOnlyAsync(repository);

        var response = await Registry.PutManifestAsync(repository, "v1", other.Manifest, MediaTypes.OciManifest);

        var error = await OciAssert.ErrorAsync(response, HttpStatusCode.Forbidden, "DENIED");
        Assert.Contains("'v1'", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("'v*'", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("v1", error.GetProperty("detail").GetProperty("tag").GetString());
        Assert.Equal("v*", error.GetProperty("detail").GetProperty("pattern").GetString());
        Assert.Equal(pushed.Digest, await DigestOfAsync(repository, "v1"));
        await OciAssert.ErrorAsync(await Registry.GetAsync($"/v2/{repository}/manifests/{other.Digest}"), HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
    }

    [Fact]
    public async Task PushOfTheSameDigestToImmutableTag_Succeeds()
    {
        var (repository, pushed) = await ImmutableRepositoryAsync();

        await Registry.PushManifestAsync(repository, "v1", pushed.Manifest, MediaTypes.OciManifest);

        Assert.Equal(pushed.Digest, await DigestOfAsync(repository, "v1"));
    }

    [Fact]
    public async Task DeleteOfImmutableTag_IsDeniedAndKeepsIt()
    {
        var (repository, pushed) = await ImmutableRepositoryAsync();

        var response = await Registry.DeleteAsync($"/v2/{repository}/manifests/v1");

        var error = await OciAssert.ErrorAsync(response, HttpStatusCode.Forbidden, "DENIED");
        Assert.Contains("cannot be deleted", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(pushed.Digest, await DigestOfAsync(repository, "v1"));
    }

    [Fact]
    public async Task DeleteByDigestOfManifestWithImmutableTag_IsDeniedAndRemovesNoTag()
    {
        var (repository, pushed) = await ImmutableRepositoryAsync();
        await Registry.PushManifestAsync(repository, "latest", pushed.Manifest, MediaTypes.OciManifest);

        var response = await Registry.DeleteAsync($"/v2/{repository}/manifests/{pushed.Digest}");

        var error = await OciAssert.ErrorAsync(response, HttpStatusCode.Forbidden, "DENIED");
        Assert.Equal("v1", error.GetProperty("detail").GetProperty("tag").GetString());
        Assert.Equal(pushed.Digest, await DigestOfAsync(repository, "v1"));
        Assert.Equal(pushed.Digest, await DigestOfAsync(repository, "latest"));
    }

    [Fact]
    public async Task TagsOutsideThePattern_StayMutable()
    {
        var (repository, _) = await ImmutableRepositoryAsync();
        await Registry.PushImageAsync(repository, "latest");
        var moved = await Registry.PushImageAsync(repository, "latest");
        Assert.Equal(moved.Digest, await DigestOfAsync(repository, "latest"));

        var response = await Registry.DeleteAsync($"/v2/{repository}/manifests/latest");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task RuleLimitedToRepositories_LeavesOtherRepositoriesMutable()
    {
        var ns = PolicyApi.NewNamespace("imm");
        await PolicyApi.SetAsync(Registry, ns, $$"""{"immutableTags":[{"tags":"v*","repositories":"{{ns}}/locked*"}]}""");
        await Registry.PushImageAsync($"{ns}/locked", "v1");
        await Registry.PushImageAsync($"{ns}/open", "v1");

        Assert.Equal(HttpStatusCode.Forbidden, (await Registry.DeleteAsync($"/v2/{ns}/locked/manifests/v1")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await Registry.DeleteAsync($"/v2/{ns}/open/manifests/v1")).StatusCode);
    }

    /// <summary>A repository of a fresh namespace with image v1 pushed, then the policy making v* immutable.</summary>
    private async Task<(string Repository, PushedImage Pushed)> ImmutableRepositoryAsync()
    {
        var ns = PolicyApi.NewNamespace("imm");
        var repository = $"{ns}/app";
        var pushed = await Registry.PushImageAsync(repository, "v1");
        await PolicyApi.SetAsync(Registry, ns, Policy);
        return (repository, pushed);
    }

    /// <summary>Another image's blobs pushed to the repository, its manifest not: the manifest bytes and digest.</summary>
    private async Task<(byte[] Manifest, string Digest)> PushBlobsOnlyAsync(string repository)
    {
        var config = await Registry.PushBlobAsync(repository, MediaTypes.OciConfig, TestContent.Utf8($"{{\"nonce\":\"{Guid.NewGuid()}\"}}"));
        var layer = await Registry.PushBlobAsync(repository, MediaTypes.OciLayer, TestContent.Random(64));
        var manifest = ManifestJson.Serialize(ManifestJson.OciManifest(config, [layer]));
        return (manifest, TestContent.Sha256(manifest));
    }

    private async Task<string?> DigestOfAsync(string repository, string tag)
    {
        var response = await Registry.HeadAsync($"/v2/{repository}/manifests/{tag}", ("Accept", MediaTypes.OciManifest));
        await OciAssert.StatusAsync(HttpStatusCode.OK, response);
        return OciAssert.Header(response, "Docker-Content-Digest");
    }
}
