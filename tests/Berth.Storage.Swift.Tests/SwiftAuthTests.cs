using System.Net;

namespace Berth.Storage.Swift.Tests;

/// <summary>v1 (tempauth) authentication and token renewal, against the real Swift.</summary>
public sealed class SwiftAuthTests
{
    [Fact]
    public async Task Authenticate_WithTheWrongKey_FailsWithUnauthorizedNamingTheUser()
    {
        using var driver = SwiftTestEnvironment.CreateDriver(SwiftTestEnvironment.Options("auth-wrong", o => o.Key = "not-the-key"));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => driver.StatAsync("/anything", CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Contains(SwiftTestEnvironment.User, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_WithARejectedToken_AuthenticatesAgainAndSucceeds()
    {
        var options = SwiftTestEnvironment.Options("auth-" + Guid.NewGuid().ToString("N")[..8]);
        var authenticator = new CountingAuthenticator(
            SwiftStorageDriver.CreateAuthenticator(options, TimeProvider.System),
            real => real with { Token = "AUTH_tk00000000000000000000000000000000" });
        using var driver = SwiftTestEnvironment.CreateDriver(options, authenticator);

        await driver.PutContentAsync("/object", new byte[] { 4, 2 }, CancellationToken.None);

        Assert.Equal(2, authenticator.Calls);
        Assert.Equal(new byte[] { 4, 2 }, await driver.GetContentAsync("/object", CancellationToken.None));
        await driver.DeleteAsync("/", CancellationToken.None);
    }

    [Fact]
    public async Task StreamedSegment_WithATokenAboutToExpire_GetsAFreshTokenFirst()
    {
        var options = SwiftTestEnvironment.Options("auth-" + Guid.NewGuid().ToString("N")[..8]);
        var authenticator = new CountingAuthenticator(
            SwiftStorageDriver.CreateAuthenticator(options, TimeProvider.System),
            real => real with { ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(2) });
        using var driver = SwiftTestEnvironment.CreateDriver(options, authenticator);
        await driver.StatAsync("/", CancellationToken.None);
        Assert.Equal(1, authenticator.Calls);

        await using (var writer = await driver.CreateWriterAsync("/streamed", append: false, CancellationToken.None))
        {
            await writer.WriteAsync(new byte[1000], CancellationToken.None);
            await writer.CommitAsync(CancellationToken.None);
        }

        Assert.Equal(2, authenticator.Calls);
        Assert.Equal(1000, (await driver.StatAsync("/streamed", CancellationToken.None)).Size);
        await driver.DeleteAsync("/", CancellationToken.None);
    }
}
