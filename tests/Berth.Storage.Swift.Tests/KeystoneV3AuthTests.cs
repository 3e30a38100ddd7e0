using System.Net;
using System.Text.Json;
using Berth.Storage.Swift.Auth;
using Berth.Storage.Swift.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Berth.Storage.Swift.Tests;

/// <summary>
/// Keystone v3 password authentication. No Keystone runs here, so a real Kestrel on loopback answers
/// POST /v3/auth/tokens with a recorded Keystone response (Fixtures/keystone-v3-token.json) whose object-store
/// endpoint is the real test Swift and whose token is a real tempauth token: the driver then works against Swift.
/// </summary>
public sealed class KeystoneV3AuthTests : IAsyncLifetime
{
    private const string Password = "keystone-secret";
    private readonly List<JsonDocument> _requests = [];
    private WebApplication? _keystone;
    private SwiftCredentials _real = null!;

    private Uri IdentityUrl => new(_keystone!.Urls.First() + "/v3");

    public async Task InitializeAsync()
    {
        using var http = new HttpClient();
        _real = await new V1Authenticator(SwiftTestEnvironment.AuthUrl, SwiftTestEnvironment.User, SwiftTestEnvironment.Key, null, TimeProvider.System)
            .AuthenticateAsync(http, CancellationToken.None);
        var fixture = (await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "keystone-v3-token.json")))
            .Replace("{{SWIFT_STORAGE_URL}}", _real.StorageUrl.AbsoluteUri, StringComparison.Ordinal);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _keystone = builder.Build();
        _keystone.MapPost("/v3/auth/tokens", async context =>
        {
            var request = await JsonDocument.ParseAsync(context.Request.Body);
            lock (_requests)
            {
                _requests.Add(request);
            }

            var password = request.RootElement.GetProperty("auth").GetProperty("identity").GetProperty("password").GetProperty("user").GetProperty("password").GetString();
            if (password != Password)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            context.Response.StatusCode = StatusCodes.Status201Created;
            context.Response.Headers["X-Subject-Token"] = _real.Token;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(fixture);
        });
        await _keystone.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_keystone is not null)
        {
            await _keystone.DisposeAsync();
        }

        _requests.ForEach(r => r.Dispose());
    }

    [Fact]
    public async Task Driver_WithKeystoneV3_SendsAProjectScopedPasswordRequestAndUsesTheCatalogsObjectStore()
    {
        var options = KeystoneOptions(o => o.Region = "RegionTwo");
        using var driver = SwiftTestEnvironment.CreateDriver(options);

        await driver.PutContentAsync("/via-keystone", new byte[] { 7, 7 }, CancellationToken.None);
        Assert.Equal(new byte[] { 7, 7 }, await driver.GetContentAsync("/via-keystone", CancellationToken.None));
        await driver.DeleteAsync("/", CancellationToken.None);

        var auth = Assert.Single(_requests).RootElement.GetProperty("auth");
        Assert.Equal(["password"], auth.GetProperty("identity").GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        var user = auth.GetProperty("identity").GetProperty("password").GetProperty("user");
        Assert.Equal("berth", user.GetProperty("name").GetString());
        Assert.Equal("Default", user.GetProperty("domain").GetProperty("name").GetString());
        var project = auth.GetProperty("scope").GetProperty("project");
        Assert.Equal("registry", project.GetProperty("name").GetString());
        Assert.Equal("Default", project.GetProperty("domain").GetProperty("name").GetString());
        Assert.False(project.TryGetProperty("id", out _));
    }

    [Theory]
    [InlineData("public", "RegionTwo", "{{real}}")]
    [InlineData("internal", "RegionTwo", "http://127.0.0.1:9/v1/AUTH_wrong_interface")]
    [InlineData("public", "RegionOne", "http://127.0.0.1:9/v1/AUTH_wrong_region")]
    [InlineData("public", null, "http://127.0.0.1:9/v1/AUTH_wrong_region")]
    public async Task Authenticate_PicksTheObjectStoreEndpointByInterfaceAndRegion(string endpointInterface, string? region, string expected)
    {
        var options = KeystoneOptions(o =>
        {
            o.Interface = endpointInterface;
            o.Region = region;
        });
        using var http = new HttpClient();

        var credentials = await new KeystoneV3Authenticator(options).AuthenticateAsync(http, CancellationToken.None);

        Assert.Equal(expected == "{{real}}" ? _real.StorageUrl : new Uri(expected), credentials.StorageUrl);
        Assert.Equal(_real.Token, credentials.Token);
        Assert.Equal(new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero), credentials.ExpiresAt);
    }

    [Fact]
    public async Task Authenticate_WithNoMatchingEndpoint_FailsNamingInterfaceAndRegion()
    {
        var options = KeystoneOptions(o => o.Region = "RegionThree");
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => new KeystoneV3Authenticator(options).AuthenticateAsync(http, CancellationToken.None));

        Assert.Contains("object-store", error.Message, StringComparison.Ordinal);
        Assert.Contains("RegionThree", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authenticate_WithTheWrongPassword_FailsWithUnauthorized()
    {
        var options = KeystoneOptions(o => o.Key = "wrong");
        using var driver = SwiftTestEnvironment.CreateDriver(options);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => driver.StatAsync("/x", CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Contains("Keystone", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authenticate_WithAProjectId_ScopesByIdAlone()
    {
        var options = KeystoneOptions(o => o.ProjectId = "4b6f2c7d8e9a4b1c9d0e1f2a3b4c5d6e");
        using var http = new HttpClient();

        await new KeystoneV3Authenticator(options).AuthenticateAsync(http, CancellationToken.None);

        var project = Assert.Single(_requests).RootElement.GetProperty("auth").GetProperty("scope").GetProperty("project");
        Assert.Equal("4b6f2c7d8e9a4b1c9d0e1f2a3b4c5d6e", project.GetProperty("id").GetString());
        Assert.False(project.TryGetProperty("name", out _));
        Assert.False(project.TryGetProperty("domain", out _));
    }

    [Theory]
    [InlineData("http://keystone:5000/v3", "http://keystone:5000/v3/auth/tokens")]
    [InlineData("http://keystone:5000/v3/", "http://keystone:5000/v3/auth/tokens")]
    [InlineData("http://keystone:5000", "http://keystone:5000/v3/auth/tokens")]
    [InlineData("https://cloud/identity/v3/auth/tokens", "https://cloud/identity/v3/auth/tokens")]
    public void TokensUrl_AcceptsTheIdentityEndpointInItsUsualForms(string authUrl, string expected) =>
        Assert.Equal(new Uri(expected), KeystoneV3Authenticator.TokensUrl(new Uri(authUrl)));

    private SwiftStorageOptions KeystoneOptions(Action<SwiftStorageOptions> configure) =>
        SwiftTestEnvironment.Options("keystone-" + Guid.NewGuid().ToString("N")[..8], o =>
        {
            o.AuthVersion = 3;
            o.AuthUrl = IdentityUrl;
            o.Username = "berth";
            o.Key = Password;
            o.ProjectName = "registry";
            configure(o);
        });
}
