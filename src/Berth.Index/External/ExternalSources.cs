namespace Berth.Index.External;

/// <summary>The values of User.ExternalSource: where an account's identity and password live.</summary>
internal static class ExternalSources
{
    public const string Ldap = "ldap";

    public const string Oidc = "oidc";
}
