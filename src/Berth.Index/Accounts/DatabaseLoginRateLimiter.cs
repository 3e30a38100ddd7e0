using Berth.Index.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Berth.Index.Accounts;

/// <summary>
/// Failed-login limits kept in the index database, so every node behind a balancer counts against the same limits.
/// The keys are <see cref="LoginLimitKeys"/>: one account from one address, and one address. Each key has a fixed window that starts at its first failure: at most the limit of failures per window, then
/// refusals until the window ends. A failure is one atomic upsert (INSERT … ON CONFLICT DO UPDATE on SQLite and
/// PostgreSQL alike), so concurrent failures on several nodes are all counted. Rows of ended windows are deleted,
/// by each node at most once a minute.
/// </summary>
internal sealed class DatabaseLoginRateLimiter : ILoginRateLimiter
{
    private static readonly TimeSpan CleanupInterval = TimeSpan.FromMinutes(1);
    private readonly IndexDbContextFactory _db;
    private readonly IOptions<IndexOptions> _options;
    private readonly TimeProvider _time;
    private long _nextCleanup;

    public DatabaseLoginRateLimiter(IndexDbContextFactory db, IOptions<IndexOptions> options, TimeProvider time)
    {
        _db = db;
        _options = options;
        _time = time;
    }

    public async ValueTask<TimeSpan?> RetryAfterAsync(string account, string? address, CancellationToken cancellationToken)
    {
        var options = _options.Value;
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var cutoff = now - (long)options.FailedLoginWindow.TotalMilliseconds;
        var accountKey = LoginLimitKeys.AccountFromAddress(account, address);
        var addressKey = address is null ? null : LoginLimitKeys.Address(address);
        await using var db = _db.Create();
        var rows = await db.LoginFailures.AsNoTracking()
            .Where(r => (r.Key == accountKey || r.Key == addressKey) && r.WindowStart > cutoff)
            .ToListAsync(cancellationToken);
        TimeSpan? wait = null;
        foreach (var row in rows)
        {
            var limit = row.Key == accountKey ? options.MaxFailedLoginsPerAccount : options.MaxFailedLoginsPerAddress;
            if (row.Failures >= limit)
            {
                var remaining = TimeSpan.FromMilliseconds(row.WindowStart - cutoff);
                wait = wait is null || remaining > wait ? remaining : wait;
            }
        }

        return wait;
    }

    public async ValueTask RecordFailureAsync(string account, string? address, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var cutoff = now - (long)_options.Value.FailedLoginWindow.TotalMilliseconds;
        await using var db = _db.Create();
        await IncrementAsync(db, LoginLimitKeys.AccountFromAddress(account, address), now, cutoff, cancellationToken);
        if (address is not null)
        {
            await IncrementAsync(db, LoginLimitKeys.Address(address), now, cutoff, cancellationToken);
        }

        var next = Interlocked.Read(ref _nextCleanup);
        if (now >= next && Interlocked.CompareExchange(ref _nextCleanup, now + (long)CleanupInterval.TotalMilliseconds, next) == next)
        {
            await db.LoginFailures.Where(r => r.WindowStart <= cutoff).ExecuteDeleteAsync(cancellationToken);
        }
    }

    public async ValueTask RecordSuccessAsync(string account, string? address, CancellationToken cancellationToken)
    {
        var key = LoginLimitKeys.AccountFromAddress(account, address);
        await using var db = _db.Create();
        await db.LoginFailures.Where(r => r.Key == key).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Counts a failure; a window that has ended starts again at this failure.</summary>
    private static Task<int> IncrementAsync(IndexDbContext db, string key, long now, long cutoff, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "LoginFailures" ("Key", "WindowStart", "Failures") VALUES ({key}, {now}, 1)
            ON CONFLICT ("Key") DO UPDATE SET
                "Failures" = CASE WHEN "LoginFailures"."WindowStart" <= {cutoff} THEN 1 ELSE "LoginFailures"."Failures" + 1 END,
                "WindowStart" = CASE WHEN "LoginFailures"."WindowStart" <= {cutoff} THEN {now} ELSE "LoginFailures"."WindowStart" END
            """,
            cancellationToken);
}
