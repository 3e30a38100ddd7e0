namespace Berth.Index.External.Ldap;

/// <summary>
/// Sign-in against an LDAP directory (section "Ldap"), alongside local accounts; off while Url is unset. Berth binds as
/// BindDn to find the user, checks the password with a bind as the user, and reads the groups.
/// </summary>
public sealed class LdapOptions : ExternalGroupOptions
{
    public const string SectionName = "Ldap";

    /// <summary>ldap://host[:389] (with StartTls) or ldaps://host[:636]; unset turns LDAP off.</summary>
    public string? Url { get; set; }

    /// <summary>Upgrade an ldap:// connection with StartTLS before sending any password.</summary>
    public bool StartTls { get; set; }

    /// <summary>A folder of CA certificates (PEM) trusted for LDAPS/StartTLS, besides the system's.</summary>
    public string? CaCertificatesDirectory { get; set; }

    /// <summary>The service account that searches; empty for an anonymous search.</summary>
    public string? BindDn { get; set; }

    public string? BindPassword { get; set; }

    public string UserSearchBase { get; set; } = string.Empty;

    /// <summary>Which entries are users; ANDed with (UsernameAttribute=name).</summary>
    public string UserFilter { get; set; } = "(objectClass=person)";

    /// <summary>uid for OpenLDAP, sAMAccountName for Active Directory; its value, lowercased, is the Berth account name.</summary>
    public string UsernameAttribute { get; set; } = "uid";

    public string EmailAttribute { get; set; } = "mail";

    /// <summary>Matches users the directory disabled, e.g. (userAccountControl:1.2.840.113556.1.4.803:=2) on Active Directory.</summary>
    public string? DisabledFilter { get; set; }

    /// <summary>When set, groups are found by a search here for (&amp;GroupFilter(GroupMemberAttribute=user DN)); else from MemberOfAttribute.</summary>
    public string? GroupSearchBase { get; set; }

    public string GroupFilter { get; set; } = "(objectClass=groupOfNames)";

    public string GroupMemberAttribute { get; set; } = "member";

    /// <summary>The user's attribute listing the DNs of their groups (Active Directory, OpenLDAP's memberof overlay).</summary>
    public string MemberOfAttribute { get; set; } = "memberOf";

    /// <summary>How long one LDAP operation may take before the directory counts as unreachable.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    public bool Enabled => !string.IsNullOrWhiteSpace(Url);

    internal IEnumerable<string> Errors()
    {
        if (!Enabled)
        {
            yield break;
        }

        if (!Uri.TryCreate(Url, UriKind.Absolute, out var url) || url.Scheme is not ("ldap" or "ldaps"))
        {
            yield return $"{SectionName}:Url must be ldap://host[:port] or ldaps://host[:port], not '{Url}'.";
        }
        else if (url.Scheme == "ldaps" && StartTls)
        {
            yield return $"{SectionName}:StartTls applies to ldap:// URLs; ldaps:// is TLS from the start.";
        }

        if (string.IsNullOrWhiteSpace(UserSearchBase))
        {
            yield return $"{SectionName}:UserSearchBase is required when {SectionName}:Url is set.";
        }

        foreach (var (key, value) in new[] { ("UserFilter", UserFilter), ("GroupFilter", GroupFilter), ("DisabledFilter", DisabledFilter ?? "(x=y)") })
        {
            if (!value.StartsWith('(') || !value.EndsWith(')'))
            {
                yield return $"{SectionName}:{key} must be an LDAP filter in parentheses, not '{value}'.";
            }
        }

        if (string.IsNullOrWhiteSpace(UsernameAttribute))
        {
            yield return $"{SectionName}:UsernameAttribute is required.";
        }

        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(1))
        {
            yield return $"{SectionName}:Timeout must be between 0 and 1 minute.";
        }

        if (CaCertificatesDirectory is { Length: > 0 } ca && !System.IO.Directory.Exists(ca))
        {
            yield return $"{SectionName}:CaCertificatesDirectory '{ca}' does not exist.";
        }

        foreach (var error in MappingErrors(SectionName))
        {
            yield return error;
        }
    }
}
