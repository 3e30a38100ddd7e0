namespace Berth.Index.Accounts;

/// <summary>Counts failed logins per account and per client address, and refuses attempts while either is over its limit.</summary>
public interface ILoginRateLimiter
{
    /// <summary>How long the caller must wait, or null when an attempt is allowed.</summary>
    ValueTask<TimeSpan?> RetryAfterAsync(string account, string? address, CancellationToken cancellationToken);

    ValueTask RecordFailureAsync(string account, string? address, CancellationToken cancellationToken);

    ValueTask RecordSuccessAsync(string account, CancellationToken cancellationToken);
}
