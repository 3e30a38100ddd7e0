using System.Net;
using System.Text.Json;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Discovery;

/// <summary>GET /v2/_catalog with n/last pagination and the Link header.</summary>
public abstract class CatalogTests(RegistryFixture fixture) : RegistryTestBase(fixture)
{
    [Fact]
    public async Task Catalog_ListsPushedRepositoriesSorted()
    {
        var pushed = await PushRepositoriesAsync(3);

        var response = await Registry.GetAsync("/v2/_catalog");

        await OciAssert.StatusAsync(HttpStatusCode.OK, response);
        Assert.Equal(MediaTypes.Json, response.Content.Headers.ContentType?.MediaType);
        var repositories = await ReadAsync(response);
        Assert.Equal(repositories.Order(StringComparer.Ordinal), repositories);
        Assert.Equal(repositories.Distinct(), repositories);
        Assert.All(pushed, name => Assert.Contains(name, repositories));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public async Task Catalog_FollowingLinks_VisitsEveryRepositoryOnceInOrder(int n)
    {
        await PushRepositoriesAsync(5);
        var all = await ReadAsync(await Registry.GetAsync("/v2/_catalog"));
        var seen = new List<string>();
        var next = $"/v2/_catalog?n={n}";

        for (var pages = 0; next is not null; pages++)
        {
            Assert.True(pages <= all.Length, "Pagination does not end.");
            var response = await Registry.GetAsync(next);
            await OciAssert.StatusAsync(HttpStatusCode.OK, response);
            var page = await ReadAsync(response);
            Assert.InRange(page.Length, 1, n);
            seen.AddRange(page);
            var link = LinkHeader.Next(response, "/v2/_catalog");
            if (link is not null)
            {
                Assert.Equal(n, page.Length);
                Assert.Equal(n.ToString(System.Globalization.CultureInfo.InvariantCulture), link.Value.Query["n"]);
                Assert.Equal(page[^1], link.Value.Query["last"]);
            }

            next = link?.Target;
        }

        Assert.Equal(all, seen);
    }

    [Fact]
    public async Task Catalog_WithNZero_ReturnsEmptyListWithoutLink()
    {
        await PushRepositoriesAsync(1);

        var response = await Registry.GetAsync("/v2/_catalog?n=0");

        await OciAssert.StatusAsync(HttpStatusCode.OK, response);
        Assert.Empty(await ReadAsync(response));
        Assert.Null(OciAssert.Header(response, "Link"));
    }

    [Fact]
    public async Task Catalog_WithLast_StartsAfterIt()
    {
        var pushed = await PushRepositoriesAsync(3);
        var first = pushed.Order(StringComparer.Ordinal).First();

        var response = await Registry.GetAsync($"/v2/_catalog?last={Uri.EscapeDataString(first)}");

        var repositories = await ReadAsync(response);
        Assert.All(repositories, name => Assert.True(string.CompareOrdinal(name, first) > 0, $"{name} is not after {first}"));
        Assert.DoesNotContain(first, repositories);
    }

    [Fact]
    public async Task Catalog_WithInvalidN_ReturnsPaginationNumberInvalid()
    {
        var response = await Registry.GetAsync("/v2/_catalog?n=-5");

        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "PAGINATION_NUMBER_INVALID");
    }

    private async Task<string[]> PushRepositoriesAsync(int count)
    {
        var names = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var repository = NewRepository(i % 2 == 0 ? "catalog" : "catalog/nested");
            await Registry.PushImageAsync(repository, "v1", layerCount: 1);
            names.Add(repository);
        }

        return [.. names];
    }

    private static async Task<string[]> ReadAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var repositories = document.RootElement.GetProperty("repositories");
        return repositories.ValueKind == JsonValueKind.Null ? [] : [.. repositories.EnumerateArray().Select(r => r.GetString()!)];
    }
}
