using System.Net;
using System.Text.Json;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Policies;

/// <summary>GET/PUT/DELETE /api/v1/admin/policies[/&lt;namespace&gt;] on an open registry: round trip and validation.</summary>
public sealed class PolicyApiTests(FilesystemRegistryFixture fixture) : RegistryTestBase(fixture), IClassFixture<FilesystemRegistryFixture>
{
    [Fact]
    public async Task Put_ThenGetListAndDelete_RoundTripThePolicy()
    {
        var ns = PolicyApi.NewNamespace("api");
        await PolicyApi.SetAsync(Registry, ns, """{"immutableTags":[{"tags":"v*"}],"retention":[{"repositories":"**","keepLast":5,"keepTags":["latest"],"olderThanDays":90}]}""");

        using var got = JsonDocument.Parse(await Registry.Http.GetStringAsync($"/api/v1/admin/policies/{ns}"));
        Assert.Equal(ns, got.RootElement.GetProperty("namespace").GetString());
        Assert.Equal("v*", got.RootElement.GetProperty("immutableTags")[0].GetProperty("tags").GetString());
        var rule = got.RootElement.GetProperty("retention")[0];
        Assert.Equal(5, rule.GetProperty("keepLast").GetInt32());
        Assert.Equal(90, rule.GetProperty("olderThanDays").GetInt32());
        Assert.Equal("latest", rule.GetProperty("keepTags")[0].GetString());

        using var listed = JsonDocument.Parse(await Registry.Http.GetStringAsync("/api/v1/admin/policies"));
        Assert.Contains(listed.RootElement.GetProperty("policies").EnumerateArray(), p => p.GetProperty("namespace").GetString() == ns);

        Assert.Equal(HttpStatusCode.NoContent, (await Registry.Http.DeleteAsync($"/api/v1/admin/policies/{ns}")).StatusCode);
        var gone = await Registry.Http.GetAsync($"/api/v1/admin/policies/{ns}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Contains("POLICY_UNKNOWN", await gone.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Registry.Http.DeleteAsync($"/api/v1/admin/policies/{ns}")).StatusCode);
    }

    [Theory]
    [InlineData("""{"immutableTags":[{"tags":"v[0-9]"}]}""", "immutableTags[0].tags: pattern 'v[0-9]' holds '['")]
    [InlineData("""{"retention":[{"keepTags":["latest"]}]}""", "retention[0]: set keepLast, olderThanDays or both")]
    [InlineData("""{"retention":[{"keepLast":0}]}""", "retention[0].keepLast: 0 is not between 1")]
    [InlineData("""{"retention":[{"keeplast":3}]}""", "'keeplast' could not be mapped")]
    [InlineData("""{"immutableTags":""", "The body is not a policy document")]
    public async Task Put_WithInvalidPolicy_Is400NamingTheProblem_AndStoresNothing(string json, string expected)
    {
        var ns = PolicyApi.NewNamespace("bad");

        using var response = await PolicyApi.PutAsync(Registry.Http, ns, json);

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var document = JsonDocument.Parse(body);
        var error = document.RootElement.GetProperty("errors")[0];
        Assert.Equal("POLICY_INVALID", error.GetProperty("code").GetString());
        Assert.Contains(expected, body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Registry.Http.GetAsync($"/api/v1/admin/policies/{ns}")).StatusCode);
    }

    [Fact]
    public async Task Put_ForNameThatIsNoNamespace_Is400()
    {
        using var response = await PolicyApi.PutAsync(Registry.Http, "Team", """{"immutableTags":[{"tags":"v*"}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("is not a namespace", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
