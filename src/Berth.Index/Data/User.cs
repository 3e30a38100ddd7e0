namespace Berth.Index.Data;

/// <summary>An account: a person (with a password and a namespace of the same name) or a robot (token only).</summary>
public sealed class User
{
    public long Id { get; set; }

    /// <summary>Lowercase; a person's name is also their namespace. Robots are named "namespace+robot".</summary>
    public required string Name { get; set; }

    /// <summary>bcrypt; null for robots, which authenticate with their token only.</summary>
    public string? PasswordHash { get; set; }

    public bool IsAdmin { get; set; }

    public bool IsRobot { get; set; }

    /// <summary>Changes with the password: refresh tokens carry it, so a password change revokes them.</summary>
    public required string SecurityStamp { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Where the account comes from: null for local accounts, else "ldap" or "oidc" (see ExternalSources).</summary>
    public string? ExternalSource { get; set; }

    /// <summary>From the directory or identity provider, for external accounts.</summary>
    public string? Email { get; set; }

    /// <summary>Set when the directory says the account is disabled or gone: no sign-in, no token works until it is back.</summary>
    public bool IsDisabled { get; set; }
}
