using System.Net;
using Berth.Client.Auth;

namespace Berth.Client.Tests;

public sealed class RegistryAuthTests
{
    [Fact]
    public async Task HeadManifest_BehindBearerChallenge_FetchesOneTokenAndReusesIt()
    {
        await using var server = await AuthRegistryServer.StartAsync(bearer: true);
        using var client = Client(server, AuthRegistryServer.Password);

        for (var i = 0; i < 3; i++)
        {
            Assert.NotNull(await client.HeadManifestAsync("team/app", "v1", CancellationToken.None));
        }

        Assert.Equal(1, server.TokensIssued);
    }

    [Fact]
    public async Task PushBlob_BehindBearerChallenge_SendsTheStreamedBodyWithThePushToken()
    {
        await using var server = await AuthRegistryServer.StartAsync(bearer: true);
        using var client = Client(server, AuthRegistryServer.Password);
        using var body = new NonSeekableStream(new byte[100_000]);

        await client.PushBlobAsync("team/app", "sha256:" + new string('b', 64), body, 100_000, CancellationToken.None);

        Assert.Equal(100_000, server.UploadedBytes);
        Assert.Equal(1, server.TokensIssued);
    }

    [Fact]
    public async Task HeadManifest_WithWrongPasswordForTokenEndpoint_ThrowsUnauthorized()
    {
        await using var server = await AuthRegistryServer.StartAsync(bearer: true);
        using var client = Client(server, "wrong");

        var error = await Assert.ThrowsAsync<RegistryClientException>(() => client.HeadManifestAsync("team/app", "v1", CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal(0, server.TokensIssued);
    }

    [Fact]
    public async Task GetManifest_BehindBasicChallenge_RetriesWithCredentials()
    {
        await using var server = await AuthRegistryServer.StartAsync(bearer: false);
        using var client = Client(server, AuthRegistryServer.Password);

        var manifest = await client.GetManifestAsync("team/app", "v1", CancellationToken.None);

        Assert.Equal("{}"u8.ToArray(), manifest.Content);
    }

    [Fact]
    public async Task GetManifest_BehindBasicChallengeWithoutCredentials_ThrowsUnauthorized()
    {
        await using var server = await AuthRegistryServer.StartAsync(bearer: false);
        using var client = RegistryClient.Create(new RegistryClientOptions { BaseAddress = server.BaseAddress });

        var error = await Assert.ThrowsAsync<RegistryClientException>(() => client.GetManifestAsync("team/app", "v1", CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public void ParseParameters_WithQuotedScopeList_KeepsCommasInsideQuotes()
    {
        var parameters = AuthChallenge.ParseParameters("realm=\"http://h/token\",service=\"reg\",scope=\"repository:a/b:pull,push\"");

        Assert.Equal("http://h/token", parameters["realm"]);
        Assert.Equal("reg", parameters["service"]);
        Assert.Equal("repository:a/b:pull,push", parameters["scope"]);
    }

    private static RegistryClient Client(AuthRegistryServer server, string password) =>
        RegistryClient.Create(new RegistryClientOptions { BaseAddress = server.BaseAddress, Username = AuthRegistryServer.User, Password = password });
}
