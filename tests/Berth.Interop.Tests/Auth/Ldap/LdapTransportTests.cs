using System.Net;
using Berth.Interop.Tests.Fixtures;

namespace Berth.Interop.Tests.Auth.Ldap;

/// <summary>
/// How Berth reaches the directory: LDAPS with the test CA, a certificate it must not trust, and a directory that is
/// down (a clear 503, and the local administrator still signs in).
/// </summary>
public sealed class LdapTransportTests : IDisposable
{
    private readonly TempDirectory _work = new("berth-ldap-transport-");

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task Ldaps_WithTheTestCa_SignsIn()
    {
        var (server, _, _) = await LdapBerth.StartAsync(_work, "ldaps", LdapBerth.Section(TestDirectory.LdapsUrl, startTls: false));
        await using var _ = server;

        var (status, body) = await TokenProbe.RequestAsync(server.BaseAddress, "alice", "alice-password", "repository:alice/app:pull,push");

        Assert.True(status == HttpStatusCode.OK, body.ToJsonString() + server.Log);
        Assert.Equal(["pull", "push"], TokenProbe.GrantedActions(body).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task StartTls_WithoutTrustingTheTestCa_RefusesTheServer_AsUnavailable()
    {
        var untrusted = Directory.CreateDirectory(_work.Combine("no-ca")).FullName;
        var (server, _, _) = await LdapBerth.StartAsync(_work, "untrusted", LdapBerth.Section(caDirectory: untrusted));
        await using var _ = server;

        var (status, body) = await TokenProbe.RequestAsync(server.BaseAddress, "alice", "alice-password", "repository:alice/app:pull");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("UNAVAILABLE", body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DirectoryDown_Answers503WithAClearError_AndTheLocalAdministratorStillSignsIn()
    {
        var (server, _, _) = await LdapBerth.StartAsync(_work, "down", LdapBerth.Section($"ldap://127.0.0.1:{FreePort.Next()}"));
        await using var _ = server;

        var (status, body) = await TokenProbe.RequestAsync(server.BaseAddress, "alice", "alice-password", "repository:alice/app:pull");
        var (adminStatus, admin) = await TokenProbe.RequestAsync(server.BaseAddress, "admin", LdapBerth.AdminPassword, "registry:catalog:*");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("directory (LDAP) is unreachable", body.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, adminStatus);
        Assert.Equal(["*"], TokenProbe.GrantedActions(admin));
        Assert.Contains("could not be asked", server.Log, StringComparison.Ordinal);
    }
}
