using System.DirectoryServices.Protocols;
using System.Net;
using Berth.Index.Accounts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Index.External.Ldap;

/// <summary>
/// Asks the LDAP directory about one user: Berth binds as the service account, finds the user by name, checks
/// DisabledFilter, binds as the user to check the password, and reads the groups. Every connection is TLS when the
/// URL is ldaps:// or StartTls is set, with the server certificate checked (libldap's TLS_REQCERT demand).
/// The library's calls block, so they run on the thread pool, never on a request thread.
/// </summary>
public sealed class LdapDirectory(IOptions<LdapOptions> options, ILogger<LdapDirectory> logger)
{
    private const int InvalidCredentials = 49;

    /// <summary>Checks the user's password and returns who they are.</summary>
    internal Task<LdapOutcome> SignInAsync(string userName, string password, CancellationToken cancellationToken) =>
        password.Length == 0 ? Task.FromResult(LdapOutcome.WrongCredentials) : AskAsync(userName, password, cancellationToken);

    /// <summary>Whether the user still exists and is enabled (for token refresh), without their password.</summary>
    internal Task<LdapOutcome> LookUpAsync(string userName, CancellationToken cancellationToken) => AskAsync(userName, null, cancellationToken);

    private async Task<LdapOutcome> AskAsync(string userName, string? password, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var name = userName.ToLowerInvariant();
        if (!AccountNames.IsValid(name))
        {
            Log.LdapRefused(logger, userName, "not a valid account name");
            return LdapOutcome.WrongCredentials;
        }

        try
        {
            return await Task.Run(() => Ask(o, name, password), cancellationToken);
        }
        catch (Exception e) when (e is DirectoryException or InvalidOperationException or PlatformNotSupportedException or DllNotFoundException)
        {
            Log.LdapUnavailable(logger, o.Url!, name, e.Message);
            return LdapOutcome.Unavailable;
        }
    }

    private LdapOutcome Ask(LdapOptions o, string name, string? password)
    {
        using var service = Connect(o, o.BindDn, o.BindPassword);
        var attributes = new[] { o.UsernameAttribute, o.EmailAttribute, o.MemberOfAttribute };
        var users = Search(service, o, o.UserSearchBase, $"(&{o.UserFilter}({o.UsernameAttribute}={LdapFilter.Escape(name)}))", SearchScope.Subtree, attributes);
        if (users.Count != 1)
        {
            Log.LdapRefused(logger, name, users.Count == 0 ? "no such user" : "several entries match");
            return LdapOutcome.WrongCredentials;
        }

        var entry = users[0];
        if (o.DisabledFilter is { Length: > 0 } disabled && Search(service, o, entry.DistinguishedName, disabled, SearchScope.Base, ["1.1"]).Count > 0)
        {
            Log.LdapRefused(logger, name, "disabled in the directory");
            return LdapOutcome.Disabled;
        }

        if (password is not null)
        {
            try
            {
                using var _ = Connect(o, entry.DistinguishedName, password);
            }
            catch (LdapException e) when (e.ErrorCode == InvalidCredentials)
            {
                Log.LdapRefused(logger, name, "wrong password");
                return LdapOutcome.WrongCredentials;
            }
        }

        var groups = o.GroupSearchBase is { Length: > 0 } groupBase
            ? Search(service, o, groupBase, $"(&{o.GroupFilter}({o.GroupMemberAttribute}={LdapFilter.Escape(entry.DistinguishedName)}))", SearchScope.Subtree, ["1.1"])
                .Select(g => g.DistinguishedName).ToList()
            : Values(entry, o.MemberOfAttribute);
        var accountName = Values(entry, o.UsernameAttribute).FirstOrDefault()?.ToLowerInvariant() ?? name;
        return new LdapOutcome(LdapStatus.Success, new ExternalIdentity(ExternalSources.Ldap, accountName, Values(entry, o.EmailAttribute).FirstOrDefault(), groups));
    }

    private static LdapConnection Connect(LdapOptions o, string? dn, string? password)
    {
        var url = new Uri(o.Url!);
        var ldaps = url.Scheme == "ldaps";
        var port = url.IsDefaultPort || url.Port <= 0 ? (ldaps ? 636 : 389) : url.Port;
        var anonymous = string.IsNullOrEmpty(dn);
        var connection = new LdapConnection(new LdapDirectoryIdentifier(url.Host, port), null, anonymous ? AuthType.Anonymous : AuthType.Basic)
        {
            Timeout = o.Timeout,
        };
        try
        {
            var session = connection.SessionOptions;
            session.ProtocolVersion = 3;
            session.ReferralChasing = ReferralChasingOptions.None;
            if (ldaps || o.StartTls)
            {
                session.SecureSocketLayer = ldaps;

                // libldap (Linux, macOS) keeps one TLS context per process unless asked for a new one with these settings.
                if (!OperatingSystem.IsWindows())
                {
                    if (o.CaCertificatesDirectory is { Length: > 0 } ca)
                    {
                        session.TrustedCertificatesDirectory = ca;
                    }

                    session.StartNewTlsSessionContext();
                }

                if (o.StartTls)
                {
                    // On Linux the library opens the connection at the first bind, and StartTLS on an unopened one
                    // fails ("server unavailable"): an anonymous bind (no secret) opens it, TLS starts, then the real bind.
                    connection.AuthType = AuthType.Anonymous;
                    connection.Bind();
                    connection.AuthType = anonymous ? AuthType.Anonymous : AuthType.Basic;
                    session.StartTransportLayerSecurity(null);
                }
            }

            if (anonymous)
            {
                connection.Bind();
            }
            else
            {
                connection.Bind(new NetworkCredential(dn, password));
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static List<SearchResultEntry> Search(LdapConnection connection, LdapOptions o, string searchBase, string filter, SearchScope scope, string[] attributes)
    {
        var response = (SearchResponse)connection.SendRequest(new SearchRequest(searchBase, filter, scope, attributes), o.Timeout);
        return response.Entries.Cast<SearchResultEntry>().ToList();
    }

    private static List<string> Values(SearchResultEntry entry, string attribute) =>
        entry.Attributes.Contains(attribute) ? entry.Attributes[attribute].GetValues(typeof(string)).Cast<string>().ToList() : [];
}
