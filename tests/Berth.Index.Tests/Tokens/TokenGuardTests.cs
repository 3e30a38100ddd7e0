using System.Security.Cryptography;
using System.Text;
using Berth.Index.Tests.Infrastructure;
using Berth.Index.Tokens;
using Berth.Registry.Api.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Berth.Index.Tests.Tokens;

/// <summary>
/// The registry's token check as the running server has it wired (index keys in the same process): each forged,
/// stale or under-scoped token is refused with the spec's challenge.
/// </summary>
public abstract class TokenGuardTests : IndexTestBase
{
    private static readonly RegistryAccess s_push = RegistryAccess.Repository("alice/app", "pull", "push");

    [Fact]
    public async Task Check_WithoutToken_ChallengesWithRealmServiceAndScope()
    {
        var (status, challenge, body) = await CheckAsync(null, s_push);

        Assert.Equal(401, status);
        Assert.Equal($"Bearer realm=\"{Server.BaseAddress}token\",service=\"berth\",scope=\"repository:alice/app:pull,push\"", challenge);
        Assert.Contains("\"code\":\"UNAUTHORIZED\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WithGrantedToken_Grants()
    {
        await Accounts.CreateUserAsync("alice", "alice-password", false, "test", default);
        var token = await TokenAsync("alice", "alice-password", "repository:alice/app:pull,push");

        var (status, _, _) = await CheckAsync(token, s_push);

        Assert.Equal(0, status);
    }

    [Fact]
    public async Task Check_PullTokenUsedToPush_IsInsufficientScope()
    {
        await Accounts.CreateUserAsync("alice", "alice-password", false, "test", default);
        var token = await TokenAsync("alice", "alice-password", "repository:alice/app:pull");

        var (status, challenge, _) = await CheckAsync(token, s_push);

        Assert.Equal(401, status);
        Assert.EndsWith("error=\"insufficient_scope\"", challenge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_PushRefusedByIndex_IsDenied()
    {
        await Accounts.CreateUserAsync("alice", "alice-password", false, "test", default);
        await Accounts.CreateUserAsync("bob", "bob-password", false, "test", default);
        var token = await TokenAsync("bob", "bob-password", "repository:alice/app:pull,push");

        var (status, _, body) = await CheckAsync(token, s_push);

        Assert.Equal(403, status);
        Assert.Contains("\"code\":\"DENIED\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_AnonymousTokenForPrivateRepository_IsUnauthorized()
    {
        var token = await TokenAsync(null, null, "repository:alice/app:pull");

        var (status, _, body) = await CheckAsync(token, RegistryAccess.Repository("alice/app", "pull"));

        Assert.Equal(401, status);
        Assert.Contains("\"code\":\"UNAUTHORIZED\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ExpiredToken_IsRefused()
    {
        var token = await SignAsync(audience: "berth", expires: DateTimeOffset.UtcNow.AddMinutes(-5));

        var (status, challenge, _) = await CheckAsync(token, s_push);

        Assert.Equal(401, status);
        Assert.EndsWith("error=\"invalid_token\"", challenge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_TokenForAnotherService_IsRefused()
    {
        var token = await SignAsync(audience: "another-registry", expires: DateTimeOffset.UtcNow.AddMinutes(5));

        Assert.Equal(401, (await CheckAsync(token, s_push)).Status);
    }

    [Fact]
    public async Task Check_TokenFromAnotherIssuer_IsRefused()
    {
        var token = await SignAsync(audience: "berth", expires: DateTimeOffset.UtcNow.AddMinutes(5), issuer: "someone-else");

        Assert.Equal(401, (await CheckAsync(token, s_push)).Status);
    }

    [Fact]
    public async Task Check_ControlToken_IsGranted()
    {
        // Proves the hand-signed tokens of the other tests fail for the reason they test, not for their shape.
        var token = await SignAsync(audience: "berth", expires: DateTimeOffset.UtcNow.AddMinutes(5));

        Assert.Equal(0, (await CheckAsync(token, s_push)).Status);
    }

    [Fact]
    public async Task Check_ForgedSignatureWithTheRightKeyId_IsRefused()
    {
        var kid = (await Server.Services.GetRequiredService<SigningKeyStore>().GetActiveKeyAsync(default)).KeyId;
        using var forger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var token = Sign(new ECDsaSecurityKey(forger) { KeyId = kid }, "berth", "berth-index", DateTimeOffset.UtcNow.AddMinutes(5));

        Assert.Equal(401, (await CheckAsync(token, s_push)).Status);
    }

    [Fact]
    public async Task Check_AlgNone_IsRefused()
    {
        var kid = (await Server.Services.GetRequiredService<SigningKeyStore>().GetActiveKeyAsync(default)).KeyId;
        var header = Base64UrlEncoder.Encode($"{{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"{kid}\"}}");
        var payload = Base64UrlEncoder.Encode(Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes((await SignAsync("berth", DateTimeOffset.UtcNow.AddMinutes(5))).Split('.')[1])));

        Assert.Equal(401, (await CheckAsync($"{header}.{payload}.", s_push)).Status);
    }

    [Fact]
    public async Task Check_HmacSignedWithThePublicKey_IsRefused()
    {
        var key = await Server.Services.GetRequiredService<SigningKeyStore>().GetActiveKeyAsync(default);
        var publicBytes = key.Key.ExportSubjectPublicKeyInfo();
        var token = new JsonWebTokenHandler().CreateToken(Descriptor(
            new SigningCredentials(new SymmetricSecurityKey(publicBytes) { KeyId = key.KeyId }, SecurityAlgorithms.HmacSha256), "berth", "berth-index", DateTimeOffset.UtcNow.AddMinutes(5)));

        Assert.Equal(401, (await CheckAsync(token, s_push)).Status);
    }

    [Fact]
    public async Task Check_GarbageAndOversizedTokens_AreRefused()
    {
        Assert.Equal(401, (await CheckAsync("not-a-jwt", s_push)).Status);
        Assert.Equal(401, (await CheckAsync(new string('a', 20_000) + "." + new string('b', 20_000) + ".c", s_push)).Status);
    }

    [Fact]
    public async Task Check_TokenForOneRepository_DoesNotOpenAnotherOrAPathTrick()
    {
        await Accounts.CreateUserAsync("alice", "alice-password", false, "test", default);
        var token = await TokenAsync("alice", "alice-password", "repository:alice/app:pull,push");

        Assert.Equal(401, (await CheckAsync(token, RegistryAccess.Repository("alice/app/../../bob/app", "pull"))).Status);
        Assert.Equal(401, (await CheckAsync(token, RegistryAccess.Repository("bob/app", "pull"))).Status);
        Assert.Equal(401, (await CheckAsync(token, RegistryAccess.Repository("alice/app", "delete"))).Status);
    }

    private async Task<string> SignAsync(string audience, DateTimeOffset expires, string issuer = "berth-index")
    {
        var key = await Server.Services.GetRequiredService<SigningKeyStore>().GetActiveKeyAsync(default);
        return Sign(key.SecurityKey, audience, issuer, expires);
    }

    private static string Sign(SecurityKey key, string audience, string issuer, DateTimeOffset expires) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }
            .CreateToken(Descriptor(new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256), audience, issuer, expires));

    private static SecurityTokenDescriptor Descriptor(SigningCredentials credentials, string audience, string issuer, DateTimeOffset expires) => new()
    {
        Issuer = issuer,
        Audience = audience,
        IssuedAt = expires.AddMinutes(-10).UtcDateTime,
        NotBefore = expires.AddMinutes(-10).UtcDateTime,
        Expires = expires.UtcDateTime,
        Claims = new Dictionary<string, object>
        {
            ["sub"] = "alice",
            ["access"] = new List<object> { new Dictionary<string, object> { ["type"] = "repository", ["name"] = "alice/app", ["actions"] = new List<object> { "pull", "push" } } },
        },
        SigningCredentials = credentials,
    };

    /// <summary>Runs the server's guard on a request; status 0 means granted.</summary>
    private async Task<(int Status, string? Challenge, string Body)> CheckAsync(string? token, RegistryAccess access)
    {
        var guard = Server.Services.GetRequiredService<IRegistryAccessGuard>();
        var context = new DefaultHttpContext { RequestServices = Server.Services };
        context.Request.Scheme = Server.BaseAddress.Scheme;
        context.Request.Host = new HostString(Server.BaseAddress.Authority);
        if (token is not null)
        {
            context.Request.Headers.Authorization = "Bearer " + token;
        }

        var result = await guard.CheckAsync(context, access, default);
        if (result is null)
        {
            return (0, null, string.Empty);
        }

        using var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteAsync(context);
        return (context.Response.StatusCode, context.Response.Headers.WWWAuthenticate.ToString(), Encoding.UTF8.GetString(body.ToArray()));
    }
}
