using Berth.Interop.Tests.Tools;

namespace Berth.Interop.Tests.Auth.Ldap;

/// <summary>
/// The OpenLDAP slapd that scripts/test-services/slapd.sh started for the run (seeded from slapd/seed.ldif), and
/// ldapmodify against it as the directory's root, for tests that change entries.
/// </summary>
public static class TestDirectory
{
    public static string Url => Required("BERTH_TEST_LDAP_URL");

    public static string LdapsUrl => Required("BERTH_TEST_LDAPS_URL");

    public static string CaDirectory => Required("BERTH_TEST_LDAP_CA_DIR");

    public static string BaseDn => Required("BERTH_TEST_LDAP_BASE_DN");

    public static string BindDn => Required("BERTH_TEST_LDAP_BIND_DN");

    public static string BindPassword => Required("BERTH_TEST_LDAP_BIND_PASSWORD");

    /// <summary>Applies an LDIF change (add, modify, delete) as the directory's root, over StartTLS.</summary>
    public static async Task ModifyAsync(string ldif)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, ldif);
            (await ProcessRunner.RunAsync(
                RequiredTool.Locate("ldapmodify", "ldap-utils"),
                ["-x", "-ZZ", "-H", Url, "-D", Required("BERTH_TEST_LDAP_ADMIN_DN"), "-w", Required("BERTH_TEST_LDAP_ADMIN_PASSWORD"), "-f", file],
                environment: new Dictionary<string, string> { ["LDAPTLS_CACERT"] = Path.Combine(CaDirectory, "ca.crt") })).EnsureSuccess();
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set: the LDAP tests need the test directory. Run them through scripts/test.sh, which starts it, or start it with "
                + "`BERTH_TEST_RUN_DIR=$(mktemp -d) bash -c 'repo=$PWD; cleanups=(); source scripts/test-services/slapd.sh; env | grep BERTH_TEST_LDAP'` "
                + "(needs: apt-get install slapd ldap-utils).");
}
