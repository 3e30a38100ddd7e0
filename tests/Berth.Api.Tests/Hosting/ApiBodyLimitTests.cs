using System.Net;
using System.Text;
using System.Text.Json;
using Berth.Api.Tests.Infrastructure;
using Berth.Testing;

namespace Berth.Api.Tests.Hosting;

/// <summary>
/// Kestrel's body limit is off so blobs can stream; every other API has its own (Berth:MaxApiBodyBytes, 4 KiB here),
/// answered 413 with that API's JSON error whether the body declares its length or arrives chunked.
/// </summary>
public sealed class ApiBodyLimitTests : IAsyncLifetime
{
    private const int Limit = 4096;
    private BerthTestServer? _server;

    private BerthTestServer Server => _server ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() =>
        _server = await BerthTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Auth:Mode"] = "Token",
            ["Index:AdminPassword"] = "admin-password-1",
            ["Index:BcryptWorkFactor"] = "4",
            ["GarbageCollection:Enabled"] = "false",
            ["Berth:MaxApiBodyBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AdminApi_WithABodyOverTheLimit_Answers413WithTheOciError(bool declaredLength)
    {
        using var admin = await AdminClientAsync("registry:catalog:*");
        using var response = await admin.Http.PutAsync("/api/v1/admin/quotas/acme", Body(declaredLength, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")[0];
        Assert.Equal("SIZE_INVALID", error.GetProperty("code").GetString());
        Assert.Contains("MaxApiBodyBytes", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_WithABodyOverTheLimit_Answers413WithTheOAuthError()
    {
        using var http = Server.CreateClient();
        using var response = await http.PostAsync("/token", Body(declaredLength: true, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("invalid_request", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task IndexApi_WithABodyOverTheLimit_Answers413WithProblemDetails()
    {
        using var http = Server.CreateClient();
        using var response = await http.PostAsync("/api/v1/me/tokens", Body(declaredLength: true, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(413, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task BlobUpload_FarOverTheLimit_IsNotBounded()
    {
        using var admin = await AdminClientAsync("repository:acme/big:pull,push");
        var content = TestContent.Random(Limit * 64);

        var digest = await admin.PushBlobAsync("acme/big", content);

        using var blob = await admin.GetAsync($"/v2/acme/big/blobs/{digest}");
        Assert.Equal(content, await blob.Content.ReadAsByteArrayAsync());
    }

    private static HttpContent Body(bool declaredLength, string mediaType)
    {
        var bytes = Encoding.UTF8.GetBytes("{\"limitBytes\":1,\"padding\":\"" + new string('x', Limit * 4) + "\"}");
        HttpContent content = declaredLength ? new ByteArrayContent(bytes) : new UnknownLengthContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        return content;
    }

    private async Task<RegistryClient> AdminClientAsync(string scope)
    {
        var http = Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/token?service=berth&scope=" + Uri.EscapeDataString(scope));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:admin-password-1")));
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var token = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return new RegistryClient(http);
    }
}
