using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Berth.Api.Tests.Infrastructure;
using Berth.Index.Accounts;
using Berth.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Api.Tests.Uploads;

/// <summary>
/// POST /blobs/uploads/?mount=&lt;digest&gt; without from= under token auth: the blob is mounted from a repository the
/// client's token may read, and never from one it may not (then an upload starts, as the spec's fallback says).
/// </summary>
public sealed class MountWithoutFromAuthTests : IAsyncLifetime
{
    private const string CarolPassword = "carol-password-1";
    private const string DavePassword = "dave-password-1";
    private BerthTestServer? _server;

    private BerthTestServer Server => _server ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _server = await BerthTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Auth:Mode"] = "Token",
            ["Index:AdminPassword"] = "admin-password-1",
            ["Index:BcryptWorkFactor"] = "4",
            ["GarbageCollection:Enabled"] = "false",
        });
        var accounts = Server.Services.GetRequiredService<AccountService>();
        await accounts.CreateUserAsync("carol", CarolPassword, false, "test", default);
        await accounts.CreateUserAsync("dave", DavePassword, false, "test", default);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task MountWithoutFrom_OfABlobInARepositoryTheTokenReads_Mounts()
    {
        var content = TestContent.Random(4000);
        using var carolSource = await ClientAsync("carol", CarolPassword, "repository:carol/source:pull,push");
        var digest = await carolSource.PushBlobAsync("carol/source", content);
        using var carol = await ClientAsync("carol", CarolPassword, "repository:carol/target:pull,push", "repository:carol/source:pull");

        using var response = await carol.PostUploadAsync("carol/target", $"?mount={Uri.EscapeDataString(digest)}");

        await OciAssert.StatusAsync(HttpStatusCode.Created, response);
        Assert.Equal(digest, OciAssert.Header(response, "Docker-Content-Digest"));
        using var blob = await carol.GetAsync($"/v2/carol/target/blobs/{digest}");
        Assert.Equal(content, await blob.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task MountWithoutFrom_OfABlobOnlyInARepositoryTheTokenCannotRead_StartsAnUpload()
    {
        var content = TestContent.Random(4000);
        using var dave = await ClientAsync("dave", DavePassword, "repository:dave/private:pull,push");
        var digest = await dave.PushBlobAsync("dave/private", content);
        using var carol = await ClientAsync("carol", CarolPassword, "repository:carol/target2:pull,push", "repository:dave/private:pull");

        using var response = await carol.PostUploadAsync("carol/target2", $"?mount={Uri.EscapeDataString(digest)}");

        await OciAssert.StatusAsync(HttpStatusCode.Accepted, response);
        Assert.NotNull(OciAssert.Header(response, "Docker-Upload-UUID"));
        using var blob = await carol.HeadAsync($"/v2/carol/target2/blobs/{digest}");
        Assert.Equal(HttpStatusCode.NotFound, blob.StatusCode);
    }

    private async Task<RegistryClient> ClientAsync(string user, string password, params string[] scopes)
    {
        var http = Server.CreateClient();
        var query = string.Concat(scopes.Select(s => "&scope=" + Uri.EscapeDataString(s)));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/token?service=berth" + query);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var token = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new RegistryClient(http);
    }
}
