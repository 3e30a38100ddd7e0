using Microsoft.Extensions.Logging;

namespace Berth.Index.External;

internal static partial class Log
{
    [LoggerMessage(600, LogLevel.Warning, "Sign-in of '{UserName}' from {Source} refused: a local account (or one from another source) has that name.")]
    public static partial void NameTaken(ILogger logger, string userName, string source);

    [LoggerMessage(601, LogLevel.Warning, "Group '{Group}' maps to team '{Team}' of organisation '{Organization}', which does not exist; create it with `berth org create`.")]
    public static partial void MappedOrganizationMissing(ILogger logger, string group, string organization, string team);

    [LoggerMessage(602, LogLevel.Warning, "Sign-in of '{UserName}' from {Source} refused: '{Name}' is not a valid Berth account name.")]
    public static partial void InvalidExternalName(ILogger logger, string userName, string source, string name);

    [LoggerMessage(603, LogLevel.Error, "The LDAP directory at {Url} could not be asked about '{UserName}': {Reason}")]
    public static partial void LdapUnavailable(ILogger logger, string url, string userName, string reason);

    [LoggerMessage(604, LogLevel.Information, "LDAP account '{UserName}' refused: {Reason}.")]
    public static partial void LdapRefused(ILogger logger, string userName, string reason);

    [LoggerMessage(605, LogLevel.Warning, "OpenID Connect sign-in refused: {Reason}.")]
    public static partial void OidcRefused(ILogger logger, string reason);
}
