namespace Berth.Index.Accounts;

/// <summary>
/// What failed logins are counted under. An account's failures count per client address, so an attacker failing on
/// <c>admin</c> from one address is refused (Index:MaxFailedLoginsPerAccount) while the owner signs in from another;
/// and every failure from an address counts for that address (Index:MaxFailedLoginsPerAddress), so one address
/// cannot try many accounts. A spread-out attack (many addresses on one account) is slowed by bcrypt, not refused.
/// Behind a reverse proxy the address is the client's only when the proxy is trusted (Proxy:KnownProxies).
/// </summary>
internal static class LoginLimitKeys
{
    private const int MaxKeyLength = 300;

    public static string AccountFromAddress(string account, string? address)
    {
        var key = "u:" + address + "/" + account;
        return key.Length <= MaxKeyLength ? key : key[..MaxKeyLength];
    }

    public static string Address(string address) => "c:" + address;
}
