using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Berth.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Berth.Web.Tests;

/// <summary>A sparse index's page marks the platform manifests the repository never received.</summary>
public sealed class SparseIndexWebUiTests(SparseIndexWebUiFixture fixture) : IClassFixture<SparseIndexWebUiFixture>
{
    private const string IndexMediaType = "application/vnd.oci.image.index.v1+json";
    private const string ManifestMediaType = "application/vnd.oci.image.manifest.v1+json";

    [Fact]
    public async Task TagPage_OfASparseIndex_MarksTheChildThatWasNeverPushed()
    {
        await fixture.PushAsync("lan/sparse", "amd64", "anyone", "anything");
        using var http = fixture.Server.CreateClient();
        var (amd64, amd64Size) = await ManifestAsync(http, "lan/sparse", "amd64");
        var arm64 = "sha256:" + Convert.ToHexStringLower(SHA256.HashData("an arm64 manifest this registry never received"u8));
        var index = $$$"""
            {"schemaVersion":2,"mediaType":"{{{IndexMediaType}}}","manifests":[
              {"mediaType":"{{{ManifestMediaType}}}","digest":"{{{amd64}}}","size":{{{amd64Size}}},"platform":{"os":"linux","architecture":"amd64"}},
              {"mediaType":"{{{ManifestMediaType}}}","digest":"{{{arm64}}}","size":600,"platform":{"os":"linux","architecture":"arm64"}}]}
            """;
        using var body = new ByteArrayContent(Encoding.UTF8.GetBytes(index));
        body.Headers.ContentType = new MediaTypeHeaderValue(IndexMediaType);
        using var put = await http.PutAsync("/v2/lan/sparse/manifests/multi", body);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        await fixture.WaitForTagAsync("lan/sparse", "multi");
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/r/lan/sparse/-/tag/multi");

        // The section and the table's scrolling region inside it share the name; the table is the inner one.
        var children = page.GetByRole(AriaRole.Region, new() { Name = "Platform manifests", Exact = true }).Last;
        var absent = children.GetByRole(AriaRole.Row).Filter(new() { HasText = "linux/arm64" });
        var present = children.GetByRole(AriaRole.Row).Filter(new() { HasText = "linux/amd64" });
        await Assertions.Expect(absent).ToContainTextAsync("not pushed");
        await Assertions.Expect(absent).ToHaveClassAsync("not-pushed");
        await Assertions.Expect(present).Not.ToContainTextAsync("not pushed");
        await Assertions.Expect(page.GetByRole(AriaRole.Note)).ToContainTextAsync("1 of 2 platform manifests were never pushed");
        await page.Context.CloseAsync();
    }

    /// <summary>The digest and size of the manifest a tag names, as stored.</summary>
    private static async Task<(string Digest, int Size)> ManifestAsync(HttpClient http, string repository, string tag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/{repository}/manifests/{tag}");
        request.Headers.Accept.ParseAdd(ManifestMediaType);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var content = await response.Content.ReadAsByteArrayAsync();
        return ("sha256:" + Convert.ToHexStringLower(SHA256.HashData(content)), content.Length);
    }
}
