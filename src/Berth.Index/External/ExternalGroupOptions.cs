namespace Berth.Index.External;

/// <summary>How the groups of an external identity (LDAP, OpenID Connect) map to Berth's administrators and teams.</summary>
public abstract class ExternalGroupOptions
{
    /// <summary>Members of this group are administrators; others are not (when it is set).</summary>
    public string? AdminGroup { get; set; }

    public List<GroupTeamMapping> Teams { get; set; } = [];

    /// <summary>True when the group list names <paramref name="configured"/>: by name, DN, or the DN's first RDN value.</summary>
    public static bool HasGroup(IReadOnlyCollection<string> groups, string configured) =>
        groups.Any(g => string.Equals(g, configured, StringComparison.OrdinalIgnoreCase) || string.Equals(FirstRdnValue(g), configured, StringComparison.OrdinalIgnoreCase));

    /// <summary>Messages naming the keys of mappings that lack a value (for options validation under <paramref name="section"/>).</summary>
    protected IEnumerable<string> MappingErrors(string section)
    {
        for (var i = 0; i < Teams.Count; i++)
        {
            var t = Teams[i];
            if (string.IsNullOrWhiteSpace(t.Group) || string.IsNullOrWhiteSpace(t.Organization) || string.IsNullOrWhiteSpace(t.Team))
            {
                yield return $"{section}:Teams:{i} needs Group, Organization and Team.";
            }
        }
    }

    /// <summary>"builders" for "cn=builders,ou=groups,dc=example,dc=org"; null for a value that is not a DN.</summary>
    private static string? FirstRdnValue(string group)
    {
        var equals = group.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            return null;
        }

        var comma = group.IndexOf(',', equals);
        return comma < 0 ? group[(equals + 1)..] : group[(equals + 1)..comma];
    }
}
