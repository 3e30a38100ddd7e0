using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Berth.Index.Data;
using Berth.Testing;

namespace Berth.Index.Tests.Scale;

/// <summary>
/// Two Berth nodes on one PostgreSQL database, as behind a round-robin balancer: a browser (one cookie jar for both,
/// as for one host name) signs in through one and is served by the other, and failed logins on both count together.
/// </summary>
public sealed partial class TwoIndexNodesTests : IAsyncLifetime
{
    private const string AdminPassword = "admin-secret-1";
    private TestDatabase _database = null!;
    private BerthTestServer _a = null!;
    private BerthTestServer _b = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        var settings = new Dictionary<string, string?>(_database.Settings)
        {
            ["Auth:Mode"] = "Token",
            ["Index:AdminPassword"] = AdminPassword,
            ["Index:BcryptWorkFactor"] = "4",
            ["Index:MaxFailedLoginsPerAccount"] = "3",
        };
        _a = await BerthTestServer.StartAsync(settings);
        _b = await BerthTestServer.StartAsync(settings);
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task SignInFormFromNodeA_PostedToNodeB_GivesASessionThatNodeAAccepts_WithAntiforgeryAcrossNodes()
    {
        var jar = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false });

        var page = await browser.GetStringAsync(new Uri(_a.BaseAddress, "/signin"));
        var form = HiddenInputs(page);
        Assert.Contains("__RequestVerificationToken", form.Keys);
        form["Form.UserName"] = "admin";
        form["Form.Password"] = AdminPassword;
        using var signIn = await browser.PostAsync(new Uri(_b.BaseAddress, "/signin"), new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains(jar.GetCookies(_b.BaseAddress), c => c.Name == "berth.session");
        using var me = await browser.GetAsync(new Uri(_a.BaseAddress, "/api/v1/me"));
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("admin", (await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());

        var antiforgery = await browser.GetFromJsonAsync<JsonElement>(new Uri(_b.BaseAddress, "/api/v1/antiforgery"));
        using var create = new HttpRequestMessage(HttpMethod.Post, new Uri(_a.BaseAddress, "/api/v1/me/tokens"))
        {
            Content = JsonContent.Create(new { name = "across-nodes", actions = new[] { "pull" } }),
        };
        create.Headers.Add(antiforgery.GetProperty("headerName").GetString()!, antiforgery.GetProperty("token").GetString());
        using var created = await browser.SendAsync(create);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Fact]
    public async Task FailedLoginsAlternatingBetweenNodes_HitTheLimitOnce_ForBothNodes()
    {
        using var client = new HttpClient();
        foreach (var node in new[] { _a, _b, _a })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await TokenStatusAsync(client, node, "wrong-password"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await TokenStatusAsync(client, _b, AdminPassword));
        Assert.Equal(HttpStatusCode.TooManyRequests, await TokenStatusAsync(client, _a, AdminPassword));
    }

    private static async Task<HttpStatusCode> TokenStatusAsync(HttpClient client, BerthTestServer node, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(node.BaseAddress, "/token?service=berth"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + password)));
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>The hidden inputs of a rendered form (the antiforgery token and the form's handler name).</summary>
    private static Dictionary<string, string> HiddenInputs(string html)
    {
        var inputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match input in InputTag().Matches(html))
        {
            var tag = input.Value;
            if (Attribute(tag, "type") == "hidden" && Attribute(tag, "name") is { } name)
            {
                inputs[name] = WebUtility.HtmlDecode(Attribute(tag, "value") ?? string.Empty);
            }
        }

        return inputs;
    }

    private static string? Attribute(string tag, string name)
    {
        var match = Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"");
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex InputTag();
}
