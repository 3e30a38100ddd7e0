using System.Diagnostics;
using System.Text.Json;
using Berth.Index.Tests.Infrastructure;

namespace Berth.Index.Tests.Roles;

/// <summary>
/// Open mode (Auth:Mode=None) keeps the index: what is pushed to the open registry can be browsed and searched
/// without signing in, private repositories included, as the registry itself serves them to anyone.
/// </summary>
public abstract class OpenModeIndexTests : IndexTestBase
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Auth:Mode"] = "None",
        ["Berth:OpenIndex"] = "true",
    };

    [Fact]
    public async Task PushedImage_IsListedAnonymously_ByTheWebUiSearchAndApi()
    {
        await TestImages.PushImageAsync(Http, "unused-in-open-mode", "lan/tool", "v1");

        var search = await WaitForSearchResultAsync("tool");
        using var repositories = await Http.GetAsync("/api/v1/repositories");
        using var repository = await Http.GetAsync("/api/v1/repositories/lan/tool");
        using var home = await Http.GetAsync("/");
        using var page = await Http.GetAsync("/r/lan/tool");

        Assert.Equal(["lan/tool"], search.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        Assert.Equal(200, (int)repositories.StatusCode);
        Assert.Contains("lan/tool", await repositories.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(200, (int)repository.StatusCode);
        Assert.Contains("\"visibility\":\"Private\"", await repository.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(200, (int)home.StatusCode);
        Assert.Contains("lan/tool", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(200, (int)page.StatusCode);
        Assert.Contains("v1", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>The index learns of a push from the registry's events, applied in the background.</summary>
    private async Task<JsonElement> WaitForSearchResultAsync(string query)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using var response = await Http.GetAsync("/v1/search?q=" + query);
            Assert.Equal(200, (int)response.StatusCode);
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            if (body.GetProperty("num_results").GetInt32() > 0 || deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                return body;
            }

            await Task.Delay(50);
        }
    }
}
