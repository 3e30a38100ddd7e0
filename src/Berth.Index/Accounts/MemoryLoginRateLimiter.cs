using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Berth.Index.Accounts;

/// <summary>
/// Counts failed logins per account from one client address and per client address (<see cref="LoginLimitKeys"/>)
/// in a sliding window, and refuses further attempts while either is over its limit. Kept in memory, for htpasswd mode, which has no database: each node limits on its own.
/// The index uses <see cref="DatabaseLoginRateLimiter"/>, shared by every node.
/// </summary>
internal sealed class MemoryLoginRateLimiter : ILoginRateLimiter
{
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);
    private readonly IOptions<IndexOptions> _options;
    private readonly TimeProvider _time;

    public MemoryLoginRateLimiter(IOptions<IndexOptions> options, TimeProvider time)
    {
        _options = options;
        _time = time;
    }

    public ValueTask<TimeSpan?> RetryAfterAsync(string account, string? address, CancellationToken cancellationToken)
    {
        var options = _options.Value;
        return ValueTask.FromResult(Max(Check(LoginLimitKeys.AccountFromAddress(account, address), options.MaxFailedLoginsPerAccount), address is null ? null : Check(LoginLimitKeys.Address(address), options.MaxFailedLoginsPerAddress)));
    }

    public ValueTask RecordFailureAsync(string account, string? address, CancellationToken cancellationToken)
    {
        Add(LoginLimitKeys.AccountFromAddress(account, address));
        if (address is not null)
        {
            Add(LoginLimitKeys.Address(address));
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask RecordSuccessAsync(string account, string? address, CancellationToken cancellationToken)
    {
        _failures.TryRemove(LoginLimitKeys.AccountFromAddress(account, address), out _);
        return ValueTask.CompletedTask;
    }

    private static TimeSpan? Max(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private void Add(string key)
    {
        var queue = _failures.GetOrAdd(key, _ => new Queue<DateTimeOffset>());
        lock (queue)
        {
            Trim(queue);
            queue.Enqueue(_time.GetUtcNow());
        }
    }

    private TimeSpan? Check(string key, int limit)
    {
        if (!_failures.TryGetValue(key, out var queue))
        {
            return null;
        }

        lock (queue)
        {
            Trim(queue);
            return queue.Count < limit ? null : queue.Peek() + _options.Value.FailedLoginWindow - _time.GetUtcNow();
        }
    }

    private void Trim(Queue<DateTimeOffset> queue)
    {
        var cutoff = _time.GetUtcNow() - _options.Value.FailedLoginWindow;
        while (queue.Count > 0 && queue.Peek() <= cutoff)
        {
            queue.Dequeue();
        }
    }
}
