namespace Berth.Index.External;

/// <summary>
/// Members of a directory or provider group become members of an organisation's team. Group is the group's name (an
/// LDAP group's cn or a provider's group claim value) or an LDAP group's full DN; compared ignoring case.
/// </summary>
public sealed class GroupTeamMapping
{
    public string Group { get; set; } = string.Empty;

    public string Organization { get; set; } = string.Empty;

    public string Team { get; set; } = string.Empty;
}
