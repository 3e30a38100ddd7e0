using System.Net;
using System.Text.Json;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Discovery;

/// <summary>GET /v2/&lt;name&gt;/tags/list with n/last pagination and the Link header (end-8a, end-8b).</summary>
public abstract class TagTests(RegistryFixture fixture) : RegistryTestBase(fixture)
{
    private static readonly string[] Tags = ["v1.10", "latest", "0", "a-b", "a.b", "a_b", "v1.2", "zz", "1.0.0", "b"];

    [Fact]
    public async Task List_ReturnsNameAndAllTagsSorted()
    {
        var repository = await RepositoryWithTagsAsync();

        var response = await Registry.GetAsync($"/v2/{repository}/tags/list");

        await OciAssert.StatusAsync(HttpStatusCode.OK, response);
        Assert.Equal(MediaTypes.Json, response.Content.Headers.ContentType?.MediaType);
        var (name, tags) = await ReadAsync(response);
        Assert.Equal(repository, name);
        Assert.Equal(Tags.Order(StringComparer.Ordinal), tags);
        Assert.Null(OciAssert.Header(response, "Link"));
    }

    [Fact]
    public async Task List_WithN_ReturnsFirstNTagsAndLinkToNextPage()
    {
        var repository = await RepositoryWithTagsAsync();
        var sorted = Tags.Order(StringComparer.Ordinal).ToArray();

        var response = await Registry.GetAsync($"/v2/{repository}/tags/list?n=3");

        await OciAssert.StatusAsync(HttpStatusCode.OK, response);
        Assert.Equal(sorted[..3], (await ReadAsync(response)).Tags);
        var link = LinkHeader.Next(response, $"/v2/{repository}/tags/list");
        Assert.NotNull(link);
        Assert.Equal("3", link.Value.Query["n"]);
        Assert.Equal(sorted[2], link.Value.Query["last"]);
        Assert.Equal(2, link.Value.Query.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(10)]
    public async Task List_FollowingLinks_VisitsEveryTagOnceInOrder(int n)
    {
        var repository = await RepositoryWithTagsAsync();
        var seen = new List<string>();
        var next = $"/v2/{repository}/tags/list?n={n}";

        for (var pages = 0; next is not null; pages++)
        {
            Assert.True(pages <= Tags.Length, "Pagination does not end.");
            var response = await Registry.GetAsync(next);
            await OciAssert.StatusAsync(HttpStatusCode.OK, response);
            var page = (await ReadAsync(response)).Tags;
            Assert.InRange(page.Length, 1, n);
            seen.AddRange(page);
            next = LinkHeader.Next(response, $"/v2/{repository}/tags/list")?.Target;
            if (next is not null)
            {
                Assert.Equal(n, page.Length);
            }
        }

        Assert.Equal(Tags.Order(StringComparer.Ordinal), seen);
    }

    [Fact]
    public async Task List_WithLastOnly_ReturnsAllTagsAfterLast()
    {
        var repository = await RepositoryWithTagsAsync();
        var sorted = Tags.Order(StringComparer.Ordinal).ToArray();

        var response = await Registry.GetAsync($"/v2/{repository}/tags/list?last={Uri.EscapeDataString(sorted[4])}");

        await OciAssert.StatusAsync(HttpStatusCode.OK, response);
        Assert.Equal(sorted[5..], (await ReadAsync(response)).Tags);
    }

    [Fact]
    public async Task List_WithLastNotATag_ReturnsTagsSortingAfterIt()
    {
        var repository = await RepositoryWithTagsAsync();

        var response = await Registry.GetAsync($"/v2/{repository}/tags/list?n=2&last=a.c");

        await OciAssert.StatusAsync(HttpStatusCode.OK, response);
        Assert.Equal(Tags.Order(StringComparer.Ordinal).Where(t => string.CompareOrdinal(t, "a.c") > 0).Take(2), (await ReadAsync(response)).Tags);
    }

    [Fact]
    public async Task List_WithNZero_ReturnsEmptyListWithoutLink()
    {
        var repository = await RepositoryWithTagsAsync();

        var response = await Registry.GetAsync($"/v2/{repository}/tags/list?n=0");

        await OciAssert.StatusAsync(HttpStatusCode.OK, response);
        Assert.Empty((await ReadAsync(response)).Tags);
        Assert.Null(OciAssert.Header(response, "Link"));
    }

    [Fact]
    public async Task List_LastPage_HasNoLink()
    {
        var repository = await RepositoryWithTagsAsync();

        var response = await Registry.GetAsync($"/v2/{repository}/tags/list?n={Tags.Length}");

        Assert.Equal(Tags.Length, (await ReadAsync(response)).Tags.Length);
        Assert.Null(OciAssert.Header(response, "Link"));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("abc")]
    public async Task List_WithInvalidN_ReturnsPaginationNumberInvalid(string n)
    {
        var repository = await RepositoryWithTagsAsync();

        var response = await Registry.GetAsync($"/v2/{repository}/tags/list?n={n}");

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "PAGINATION_NUMBER_INVALID");
    }

    [Fact]
    public async Task List_UnknownRepository_ReturnsNameUnknown()
    {
        var response = await Registry.GetAsync($"/v2/{NewRepository("ghost")}/tags/list");

        await OciAssert.ErrorAsync(response, HttpStatusCode.NotFound, "NAME_UNKNOWN");
    }

    [Fact]
    public async Task List_AfterTagDeletion_OmitsDeletedTag()
    {
        var repository = await RepositoryWithTagsAsync();

        await OciAssert.StatusAsync(HttpStatusCode.Accepted, await Registry.DeleteAsync($"/v2/{repository}/manifests/latest"));
        var response = await Registry.GetAsync($"/v2/{repository}/tags/list");

        Assert.Equal(Tags.Where(t => t != "latest").Order(StringComparer.Ordinal), (await ReadAsync(response)).Tags);
    }

    private async Task<string> RepositoryWithTagsAsync()
    {
        var repository = NewRepository("tags");
        var image = await Registry.PushImageAsync(repository, tag: null, layerCount: 1);
        foreach (var tag in Tags.OrderBy(_ => Random.Shared.Next()))
        {
            await Registry.PushManifestAsync(repository, tag, image.Manifest, image.MediaType);
        }

        return repository;
    }

    private static async Task<(string Name, string[] Tags)> ReadAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var tags = document.RootElement.GetProperty("tags");
        return (document.RootElement.GetProperty("name").GetString()!, tags.ValueKind == JsonValueKind.Null ? [] : [.. tags.EnumerateArray().Select(t => t.GetString()!)]);
    }
}
