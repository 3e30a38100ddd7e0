namespace Berth.Index.External.Ldap;

/// <summary>What the directory said about a user: who they are, or why not.</summary>
internal enum LdapStatus
{
    Success,

    /// <summary>No such user, several, a wrong password or an invalid name: a failed login.</summary>
    WrongCredentials,

    /// <summary>The directory has the user and matches DisabledFilter.</summary>
    Disabled,

    /// <summary>The directory could not be reached or refused Berth's own bind; nothing is known about the user.</summary>
    Unavailable,
}

internal sealed record LdapOutcome(LdapStatus Status, ExternalIdentity? Identity)
{
    public static readonly LdapOutcome WrongCredentials = new(LdapStatus.WrongCredentials, null);

    public static readonly LdapOutcome Disabled = new(LdapStatus.Disabled, null);

    public static readonly LdapOutcome Unavailable = new(LdapStatus.Unavailable, null);
}
