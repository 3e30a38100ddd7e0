namespace Berth.Index.Accounts;

/// <summary>
/// The outcome of a login: a principal, a refusal, a refusal because of too many failures, or a refusal because the
/// account directory (LDAP) could not be asked, which is no failed attempt of the client's.
/// </summary>
public sealed record LoginResult(IndexPrincipal? Principal, TimeSpan? RetryAfter, bool DirectoryUnavailable = false)
{
    public static readonly LoginResult Failed = new(null, null);

    public static readonly LoginResult Unavailable = new(null, null, true);
}
