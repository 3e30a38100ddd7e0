using System.Net;
using Berth.Index.Data;
using Berth.Index.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Index.Tests.Proxy;

/// <summary>With no trusted proxy (the default), X-Forwarded-For is ignored: a client cannot dodge limits or forge audit addresses with it.</summary>
public abstract class LoginLimitWithoutTrustedProxyTests : IndexTestBase
{
    [Fact]
    public async Task SpoofedForwardedFor_FromAnUntrustedPeer_IsIgnored()
    {
        for (var i = 0; i < 5; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Query("repository:admin/app:pull"));
            request.Headers.Authorization = Basic("admin", "wrong");
            request.Headers.Add("X-Forwarded-For", $"203.0.113.{i}");
            request.Headers.Add("X-Forwarded-Proto", "https");
            using var response = await Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using var spoofed = new HttpRequestMessage(HttpMethod.Get, Query("repository:admin/app:pull"));
        spoofed.Headers.Authorization = Basic("admin", AdminPassword);
        spoofed.Headers.Add("X-Forwarded-For", "198.51.100.7");
        using var refused = await Http.SendAsync(spoofed);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        await using var db = Server.Services.GetRequiredService<IndexDbContextFactory>().Create();
        Assert.Equal(["127.0.0.1"], await db.AuditEvents.Where(e => e.Kind == "login").Select(e => e.ClientAddress).Distinct().ToListAsync());
    }

    [Fact]
    public async Task SpoofedForwardedProto_FromAnUntrustedPeer_LeavesTheRealmOnHttp()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/");
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains($"realm=\"http://{Server.HostPort}/token\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }
}
