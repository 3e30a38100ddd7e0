using System.Net;
using System.Text.Json.Nodes;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Protocol;

/// <summary>
/// Names and tags ending in a line break: a regex anchored with '$' accepts them (it matches before a final "\n"),
/// so they reached storage and failed there with a 500. They are refused by the grammar before anything is written.
/// </summary>
public abstract class LineBreakTests(RegistryFixture fixture) : RegistryTestBase(fixture)
{
    [Fact]
    public async Task TagsList_OfANameEndingInALineBreak_ReturnsNameInvalid()
    {
        var repository = NewRepository("newline");
        await Registry.PushImageAsync(repository);

        using var response = await Registry.GetAsync($"/v2/{repository}%0A/tags/list");

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "NAME_INVALID");
    }

    [Theory]
    [InlineData("latest%0A")]
    [InlineData("latest%0D%0A")]
    [InlineData("%0Alatest")]
    public async Task ManifestPut_ToATagWithALineBreak_ReturnsTagInvalidAndStoresNothing(string tag)
    {
        var repository = NewRepository("newline");
        var image = await Registry.PushImageAsync(repository, tag: null);
        var json = JsonNode.Parse(image.Manifest)!.AsObject();
        json["annotations"] = new JsonObject { ["never"] = "stored" };
        var other = ManifestJson.Serialize(json);

        using var put = await Registry.PutManifestAsync(repository, tag, other, image.MediaType);

        await OciAssert.ErrorAsync(put, HttpStatusCode.BadRequest, "TAG_INVALID");
        using var byDigest = await Registry.GetAsync($"/v2/{repository}/manifests/{TestContent.Sha256(other)}", ("Accept", image.MediaType));
        await OciAssert.ErrorAsync(byDigest, HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
        using var tags = await Registry.GetAsync($"/v2/{repository}/tags/list");
        await OciAssert.StatusAsync(HttpStatusCode.OK, tags);
        Assert.DoesNotContain("latest", await tags.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManifestGetAndDelete_OfATagEndingInALineBreak_ReturnTagInvalid()
    {
        var repository = NewRepository("newline");
        await Registry.PushImageAsync(repository, tag: "latest");

        using var get = await Registry.GetAsync($"/v2/{repository}/manifests/latest%0A", ("Accept", MediaTypes.OciManifest));
        using var delete = await Registry.DeleteAsync($"/v2/{repository}/manifests/latest%0A");

        await OciAssert.ErrorAsync(get, HttpStatusCode.BadRequest, "TAG_INVALID");
        await OciAssert.ErrorAsync(delete, HttpStatusCode.BadRequest, "TAG_INVALID");
        using var still = await Registry.GetAsync($"/v2/{repository}/manifests/latest", ("Accept", MediaTypes.OciManifest));
        await OciAssert.StatusAsync(HttpStatusCode.OK, still);
    }
}
