using Berth.Index.Accounts;
using Microsoft.Extensions.Options;

namespace Berth.Index.External.Ldap;

/// <summary>Directory answers turned into Berth accounts: sign-in creates and updates the account, a disabled or gone user is disabled.</summary>
public sealed class LdapSignIn(LdapDirectory directory, ExternalAccountProvisioner accounts, IOptions<LdapOptions> options)
{
    public bool Enabled => options.Value.Enabled;

    public async Task<LoginResult> SignInAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var outcome = await directory.SignInAsync(userName, password, cancellationToken);
        switch (outcome.Status)
        {
            case LdapStatus.Success:
                return await accounts.SignInAsync(outcome.Identity!, options.Value, cancellationToken) is { } principal ? new LoginResult(principal, null) : LoginResult.Failed;
            case LdapStatus.Disabled:
                await accounts.DisableAsync(ExternalSources.Ldap, userName.ToLowerInvariant(), cancellationToken);
                return LoginResult.Failed;
            case LdapStatus.Unavailable:
                return LoginResult.Unavailable;
            default:
                return LoginResult.Failed;
        }
    }

    /// <summary>
    /// Asks the directory again before a refresh token is honoured: a user it disabled or no longer has is disabled here;
    /// an unreachable directory refuses the refresh (the client signs in again, and learns why).
    /// </summary>
    public async Task<bool> IsStillEnabledAsync(string userName, CancellationToken cancellationToken)
    {
        var outcome = await directory.LookUpAsync(userName, cancellationToken);
        switch (outcome.Status)
        {
            case LdapStatus.Success:
                return await accounts.SignInAsync(outcome.Identity!, options.Value, cancellationToken) is not null;
            case LdapStatus.Unavailable:
                return false;
            default:
                await accounts.DisableAsync(ExternalSources.Ldap, userName, cancellationToken);
                return false;
        }
    }
}
