using System.Text.Json.Nodes;
using Berth.Interop.Tests.Fixtures;

namespace Berth.Interop.Tests.Auth.Ldap;

/// <summary>
/// `berth serve` as an OS process signing in against the test directory: a local administrator, LDAP with the group
/// mappings the tests use (builders → acme/builders, registry-admins → administrators), and the organisation acme.
/// </summary>
public static class LdapBerth
{
    public const string AdminPassword = "local-admin-password";

    /// <summary>The Ldap section the tests start from: StartTLS with the test CA, groups by search, dave disabled.</summary>
    public static JsonObject Section(string? url = null, bool startTls = true, string? caDirectory = null) => new()
    {
        ["Url"] = url ?? TestDirectory.Url,
        ["StartTls"] = startTls,
        ["CaCertificatesDirectory"] = caDirectory ?? TestDirectory.CaDirectory,
        ["BindDn"] = TestDirectory.BindDn,
        ["BindPassword"] = TestDirectory.BindPassword,
        ["UserSearchBase"] = "ou=people," + TestDirectory.BaseDn,
        ["UserFilter"] = "(objectClass=inetOrgPerson)",
        ["DisabledFilter"] = "(employeeType=disabled)",
        ["GroupSearchBase"] = "ou=groups," + TestDirectory.BaseDn,
        ["AdminGroup"] = "registry-admins",
        ["Teams"] = new JsonArray(new JsonObject { ["Group"] = "builders", ["Organization"] = "acme", ["Team"] = "builders" }),
        ["Timeout"] = "00:00:03",
    };

    /// <summary>Starts Berth with the section and creates the organisation acme with the team builders, which may push to all of acme.</summary>
    public static async Task<(BerthProcess Server, string DataDirectory, string Config)> StartAsync(TempDirectory work, string name, JsonObject ldap)
    {
        var dataDirectory = work.Combine(name);
        var config = work.Combine(name + ".json");
        await File.WriteAllTextAsync(config, new JsonObject
        {
            ["Index"] = new JsonObject { ["AdminPassword"] = AdminPassword, ["BcryptWorkFactor"] = 4, ["MaxFailedLoginsPerAccount"] = 50, ["MaxFailedLoginsPerAddress"] = 500 },
            ["Ldap"] = ldap,
        }.ToJsonString());
        var server = await BerthProcess.StartAsync(dataDirectory, FreePort.Next(), ["--config", config]);
        foreach (var command in new[] { new[] { "org", "create", "acme" }, ["org", "team", "create", "acme", "builders"], ["org", "team", "grant", "acme", "builders", "*", "Write"] })
        {
            (await BerthProcess.RunCommandAsync([.. command, "--data-dir", dataDirectory, "--config", config])).EnsureSuccess();
        }

        return (server, dataDirectory, config);
    }
}
