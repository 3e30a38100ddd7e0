using System.Net;
using Berth.Index.Data;
using Berth.Index.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Index.Tests.Proxy;

/// <summary>
/// Failed-login limits behind a trusted proxy (this test's client on 127.0.0.1 plays the proxy and sends
/// X-Forwarded-For). The policy: an account's failures count per client address (Index:MaxFailedLoginsPerAccount),
/// every failure counts for its address (Index:MaxFailedLoginsPerAddress); so an attacker is refused with 429 and
/// Retry-After while the owner, from another address, still signs in.
/// </summary>
public abstract class LoginLimitBehindTrustedProxyTests : IndexTestBase
{
    private const string Attacker = "203.0.113.9";
    private const string Owner = "198.51.100.7";

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Proxy:KnownProxies:0"] = "127.0.0.1",
    };

    [Fact]
    public async Task AttackerFailingFromAnotherAddress_IsRefused_WhileTheOwnerStillSignsIn()
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await TokenFromAsync(Attacker, "admin", "wrong-" + i)).StatusCode);
        }

        using var refused = await TokenFromAsync(Attacker, "admin", "wrong-again");
        using var refusedRightPassword = await TokenFromAsync(Attacker, "admin", AdminPassword);
        using var owner = await TokenFromAsync(Owner, "admin", AdminPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 must say when to retry (Retry-After).");
        Assert.Contains("\"TOOMANYREQUESTS\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, refusedRightPassword.StatusCode);
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
        await using var db = Server.Services.GetRequiredService<IndexDbContextFactory>().Create();
        var addresses = await db.AuditEvents.Where(e => e.Kind == "login").Select(e => e.ClientAddress).Distinct().ToListAsync();
        Assert.Equal([Owner, Attacker], addresses.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AttackerTryingManyAccounts_IsRefusedByTheAddressLimit()
    {
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await TokenFromAsync(Attacker, "user" + i, "wrong")).StatusCode);
        }

        using var refused = await TokenFromAsync(Attacker, "admin", AdminPassword);
        using var owner = await TokenFromAsync(Owner, "admin", AdminPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
    }

    private async Task<HttpResponseMessage> TokenFromAsync(string clientAddress, string user, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Query("repository:admin/app:pull"));
        request.Headers.Authorization = Basic(user, password);
        request.Headers.Add("X-Forwarded-For", clientAddress);
        return await Http.SendAsync(request);
    }
}
