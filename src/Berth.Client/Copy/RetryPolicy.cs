using System.Net;

namespace Berth.Client.Copy;

/// <summary>
/// Retries with exponential back-off (with jitter) on what is worth retrying: 5xx, 429, dropped connections and
/// timeouts. A generic HTTP resilience handler cannot do this part: a resent upload must continue where the registry's
/// upload status says, and a compressed stream cannot be replayed, so retries happen at the copy's own steps.
/// </summary>
public sealed record RetryPolicy
{
    public int MaxAttempts { get; init; } = 5;

    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Told of each retry (the error and the pause before the next attempt), e.g. to show it.</summary>
    public Action<Exception, TimeSpan>? OnRetry { get; init; }

    public static bool IsTransient(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        RegistryClientException { StatusCode: { } status } => (int)status >= 500 || status == HttpStatusCode.TooManyRequests,
        HttpRequestException or IOException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    public async Task<T> RunAsync<T>(Func<int, Task<T>> operation, Action<Exception, TimeSpan>? onRetry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await operation(attempt);
            }
            catch (Exception e) when (attempt < MaxAttempts && IsTransient(e, cancellationToken))
            {
                var delay = DelayBefore(attempt + 1);
                (onRetry ?? OnRetry)?.Invoke(e, delay);
                await Task.Delay(delay, Time, cancellationToken);
            }
        }
    }

    public Task RunAsync(Func<int, Task> operation, Action<Exception, TimeSpan>? onRetry, CancellationToken cancellationToken) =>
        RunAsync<bool>(async attempt => { await operation(attempt); return true; }, onRetry, cancellationToken);

    /// <summary>The pause before attempt <paramref name="attempt"/> (2 or more): doubled each time, up to <see cref="MaxDelay"/>, ±25 %.</summary>
    public TimeSpan DelayBefore(int attempt)
    {
        var baseDelay = Math.Min(MaxDelay.TotalMilliseconds, FirstDelay.TotalMilliseconds * Math.Pow(2, attempt - 2));
        var jitter = 0.75 + (Random.Shared.NextDouble() * 0.5);
        return TimeSpan.FromMilliseconds(baseDelay * jitter);
    }
}
