namespace Berth.Index.Accounts;

/// <summary>
/// Counts failed logins per account from one client address and per client address, and refuses attempts while
/// either is over its limit. There is deliberately no limit per account alone: it would let anyone keep an account
/// (admin) locked out by failing from elsewhere; see <see cref="LoginLimitKeys"/>.
/// </summary>
public interface ILoginRateLimiter
{
    /// <summary>How long the caller must wait, or null when an attempt is allowed.</summary>
    ValueTask<TimeSpan?> RetryAfterAsync(string account, string? address, CancellationToken cancellationToken);

    ValueTask RecordFailureAsync(string account, string? address, CancellationToken cancellationToken);

    /// <summary>Clears the account's count from this address only: a success elsewhere must not reset an attacker's count.</summary>
    ValueTask RecordSuccessAsync(string account, string? address, CancellationToken cancellationToken);
}
