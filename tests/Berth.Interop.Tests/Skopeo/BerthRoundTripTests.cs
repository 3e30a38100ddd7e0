using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Berth.Interop.Tests.Fixtures;
using Berth.Interop.Tests.Layout;

namespace Berth.Interop.Tests.Skopeo;

/// <summary>Round trips of OCI 1.1 features that distribution 2.8 lacks (referrers), run against Berth on each backend.</summary>
public abstract class BerthRoundTripTests<TFixture>(TFixture registry) : RegistryRoundTripTests<TFixture>(registry)
    where TFixture : RegistryFixture
{
    private const string SbomType = "application/vnd.berth.test.sbom";

    [Fact]
    public async Task Copy_ArtifactWithSubject_RoundTripsAndIsListedByTheReferrersApi()
    {
        using var work = new TempDirectory();
        var source = new OciLayoutBuilder(work.Combine("source"), seed: 16);
        var image = source.AddImage(layerCount: 1);
        var artifact = source.AddArtifact(SbomType, image.Manifest, "application/spdx+json", source.RandomBytes(2048));
        source.Tag("v1", image.Manifest);
        source.Tag("sbom", artifact);
        var repository = "interop/referrers";

        await Skopeo.PushAsync(source.Directory, "v1", $"{Registry.HostPort}/{repository}:v1");
        await Skopeo.PushAsync(source.Directory, "sbom", $"{Registry.HostPort}/{repository}:sbom");
        await Skopeo.PullAsync($"{Registry.HostPort}/{repository}:sbom", work.Combine("pulled"), "sbom");

        LayoutAssert.SameContent(source.Directory, work.Combine("pulled"), "sbom");
        using var http = Registry.CreateClient();
        using var all = await http.GetAsync($"/v2/{repository}/referrers/{image.Manifest.Digest}");
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Equal(OciMediaTypes.Index, all.Content.Headers.ContentType?.MediaType);
        var referrer = Assert.Single(JsonNode.Parse(await all.Content.ReadAsStringAsync())!["manifests"]!.AsArray())!;
        Assert.Equal(artifact.Digest, referrer["digest"]!.GetValue<string>());
        Assert.Equal(artifact.Size, referrer["size"]!.GetValue<long>());
        Assert.Equal(SbomType, referrer["artifactType"]!.GetValue<string>());

        using var filtered = await http.GetAsync($"/v2/{repository}/referrers/{image.Manifest.Digest}?artifactType=application/vnd.other");
        Assert.Equal("artifactType", Assert.Single(filtered.Headers.GetValues("OCI-Filters-Applied")));
        Assert.Empty(JsonNode.Parse(await filtered.Content.ReadAsStringAsync())!["manifests"]!.AsArray());
    }

    [Fact]
    public async Task Copy_IntoANamespaceOverItsQuota_FailsWithAMessageNamingTheQuota_AndLeavesNoTag()
    {
        using var work = new TempDirectory();
        var source = new OciLayoutBuilder(work.Combine("source"), seed: 18);
        var image = source.AddImage(layerCount: 2);
        source.Tag("v1", image.Manifest);
        var ns = "full" + Guid.NewGuid().ToString("N")[..10];
        using var http = Registry.CreateClient();
        using (var quota = await http.PutAsync($"/api/v1/admin/quotas/{ns}", new StringContent("{\"limitBytes\":100}", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.OK, quota.StatusCode);
        }

        var result = await Skopeo.TryPushAsync(source.Directory, "v1", $"{Registry.HostPort}/{ns}/app:v1");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"Storage quota of namespace '{ns}' exceeded", result.StandardError, StringComparison.Ordinal);
        using var tags = await http.GetAsync($"/v2/{ns}/app/tags/list");
        Assert.Equal(HttpStatusCode.NotFound, tags.StatusCode);
    }
}
