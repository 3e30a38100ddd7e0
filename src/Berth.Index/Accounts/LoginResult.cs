namespace Berth.Index.Accounts;

/// <summary>The outcome of a login: a principal, a refusal, or a refusal because of too many failures.</summary>
public sealed record LoginResult(IndexPrincipal? Principal, TimeSpan? RetryAfter)
{
    public static readonly LoginResult Failed = new(null, null);
}
