namespace Berth.Tokens;

/// <summary>How the registry decides who may do what.</summary>
public enum AuthMode
{
    /// <summary>Docker token authentication: clients fetch a JWT from the index's token service.</summary>
    Token,

    /// <summary>HTTP Basic against an htpasswd file (bcrypt entries); every valid user may do everything.</summary>
    Htpasswd,

    /// <summary>No authentication at all: an open registry for local experiments.</summary>
    None,
}
