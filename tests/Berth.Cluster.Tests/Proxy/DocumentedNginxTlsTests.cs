using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Berth.Interop.Tests.Layout;
using Berth.Interop.Tests.Tools;

namespace Berth.Cluster.Tests.Proxy;

/// <summary>
/// Berth behind docs/deployment.md's nginx block with TLS, trusting nginx (Proxy:KnownProxies): clients see https and
/// the public host in challenges and redirects, the UI cookie is Secure, Berth sees the client's address (and not a
/// spoofed X-Forwarded-For), /metrics stays off the proxy, and skopeo pushes and pulls over TLS with token auth.
/// </summary>
public sealed partial class DocumentedNginxTlsTests(TlsProxyFixture proxy) : IClassFixture<TlsProxyFixture>
{
    [Fact]
    public async Task Skopeo_ThroughTheTlsProxy_WithTokenAuth_PushesAndPulls()
    {
        var layout = new OciLayoutBuilder(proxy.Combine("source"), seed: 7);
        layout.Tag("v1", layout.AddImage(layerCount: 2).Manifest);
        var skopeo = new Skopeo();
        var reference = $"{proxy.PublicAddress.Authority}/admin/app:v1";
        var credentials = "admin:" + TlsProxyFixture.AdminPassword;

        await skopeo.RunAsync("copy", "--dest-cert-dir", proxy.Certificate.CertDirectory, "--dest-creds", credentials, $"oci:{layout.Directory}:v1", $"docker://{reference}");
        await skopeo.RunAsync("copy", "--src-cert-dir", proxy.Certificate.CertDirectory, "--src-creds", credentials, $"docker://{reference}", $"oci:{proxy.Combine("pulled")}:v1");

        LayoutAssert.SameContent(layout.Directory, proxy.Combine("pulled"), "v1");
    }

    [Fact]
    public async Task ChallengeAndRedirects_ThroughTheTlsProxy_SayHttpsAndThePublicHost()
    {
        using var http = new HttpClient(proxy.Certificate.CreateHandler()) { BaseAddress = proxy.PublicAddress };

        using var challenge = await http.GetAsync("/v2/");
        using var signIn = await http.GetAsync("/settings");
        using var upload = await StartUploadAsync(http);

        Assert.Equal(HttpStatusCode.Unauthorized, challenge.StatusCode);
        Assert.Contains($"realm=\"https://{proxy.PublicAddress.Authority}/token\"", challenge.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.StartsWith($"https://{proxy.PublicAddress.Authority}/signin", signIn.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        var location = new Uri(proxy.PublicAddress, upload.Headers.Location!);
        Assert.Equal($"https://{proxy.PublicAddress.Authority}", location.GetLeftPart(UriPartial.Authority));
    }

    [Fact]
    public async Task UiSessionCookie_ThroughTheTlsProxy_IsSecure()
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(proxy.Certificate.CreateHandler(cookies: cookies)) { BaseAddress = proxy.PublicAddress };
        var form = HiddenInputs(await http.GetStringAsync("/signin"));
        form["Form.UserName"] = "admin";
        form["Form.Password"] = TlsProxyFixture.AdminPassword;

        using var signedIn = await http.PostAsync("/signin", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var session = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("berth.session=", StringComparison.Ordinal));
        Assert.Contains("; secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.True(cookies.GetCookies(proxy.PublicAddress).Single(c => c.Name == "berth.session").Secure);
    }

    [Fact]
    public async Task ClientAddress_IsTakenFromTheTrustedProxy_AndASpoofedHeaderIsIgnored()
    {
        // Through nginx from 127.0.0.3, spoofing an address nginx appends to: Berth takes nginx's last entry only.
        using var throughProxy = new HttpClient(proxy.Certificate.CreateHandler(IPAddress.Parse("127.0.0.3"))) { BaseAddress = proxy.PublicAddress };
        using var viaProxy = await FailedLoginAsync(throughProxy, "probe-proxied", "192.0.2.66");

        // Straight to Berth from 127.0.0.2, which is no trusted proxy: its X-Forwarded-For is ignored.
        using var direct = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = LoopbackSource.ConnectFrom(IPAddress.Parse("127.0.0.2")),
        }) { BaseAddress = proxy.Berth.BaseAddress };
        using var viaDirect = await FailedLoginAsync(direct, "probe-direct", "192.0.2.67");

        Assert.Equal(HttpStatusCode.Unauthorized, viaProxy.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, viaDirect.StatusCode);
        Assert.Equal("127.0.0.3", await AuditedAddressAsync("probe-proxied"));
        Assert.Equal("127.0.0.2", await AuditedAddressAsync("probe-direct"));
        Assert.DoesNotContain("192.0.2.6", proxy.Berth.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_AreNotReachableThroughTheProxy_ButOnTheMetricsListener()
    {
        using var http = new HttpClient(proxy.Certificate.CreateHandler()) { BaseAddress = proxy.PublicAddress };
        using var scraper = new HttpClient { BaseAddress = proxy.MetricsAddress };

        using var throughProxy = await http.GetAsync("/metrics");
        using var scraped = await scraper.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, throughProxy.StatusCode);
        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        Assert.Contains("http_server_request_duration_seconds", await scraped.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> StartUploadAsync(HttpClient http)
    {
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Get, "/token?service=berth&scope=repository:admin/upload:pull,push");
        tokenRequest.Headers.Authorization = Basic("admin", TlsProxyFixture.AdminPassword);
        using var tokenResponse = await http.SendAsync(tokenRequest);
        tokenResponse.EnsureSuccessStatusCode();
        var token = System.Text.Json.JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString();
        using var start = new HttpRequestMessage(HttpMethod.Post, "/v2/admin/upload/blobs/uploads/");
        start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(start);
    }

    private static async Task<HttpResponseMessage> FailedLoginAsync(HttpClient http, string user, string spoofedAddress)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/token?service=berth&scope=repository:admin/app:pull");
        request.Headers.Authorization = Basic(user, "wrong-password");
        request.Headers.Add("X-Forwarded-For", spoofedAddress);
        return await http.SendAsync(request);
    }

    /// <summary>The client address of the audit record of a login by <paramref name="user"/>, from Berth's log (written just after the response).</summary>
    private async Task<string> AuditedAddressAsync(string user)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var match = Regex.Match(proxy.Berth.Log, $@"Audit login by {Regex.Escape(user)} on .*? from (\S+)");
            if (match.Success)
            {
                return match.Groups[1].Value;
            }

            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(10), $"No audit record of {user} in the log:\n{proxy.Berth.Log}");
            await Task.Delay(50);
        }
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    /// <summary>The hidden inputs of a rendered form (the antiforgery token and the form's handler name).</summary>
    private static Dictionary<string, string> HiddenInputs(string html)
    {
        var inputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match input in InputTag().Matches(html))
        {
            if (Attribute(input.Value, "type") == "hidden" && Attribute(input.Value, "name") is { } name)
            {
                inputs[name] = WebUtility.HtmlDecode(Attribute(input.Value, "value") ?? string.Empty);
            }
        }

        return inputs;
    }

    private static string? Attribute(string tag, string name) =>
        Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"") is { Success: true } match ? match.Groups[1].Value : null;

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex InputTag();
}
