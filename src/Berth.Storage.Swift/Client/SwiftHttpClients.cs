using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Berth.Storage.Swift.Client;

/// <summary>
/// The two named HttpClients an OpenStack client uses (<see cref="SwiftClient"/>): one whose requests are replayable,
/// retried on transient failures with jittered exponential back-off and a timeout per attempt; and one for request
/// bodies produced while they are sent, which cannot be replayed and stream for as long as the content keeps coming.
/// </summary>
internal static class SwiftHttpClients
{
    /// <summary>Swift's own "rate limited" status, besides the transient ones every HTTP service shares.</summary>
    private const HttpStatusCode RateLimited = (HttpStatusCode)498;

    /// <summary>Registers the clients named <paramref name="name"/> and <see cref="Streaming"/>(<paramref name="name"/>).</summary>
    public static IServiceCollection AddSwiftHttpClients(this IServiceCollection services, string name, Func<IServiceProvider, TimeSpan> attemptTimeout)
    {
        // The clients' own timeout is off: each replayable attempt has its own, and streamed bodies have none.
        services.AddHttpClient(name, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler(name, (pipeline, context) =>
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 3,
                    Delay = TimeSpan.FromMilliseconds(100),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldHandle = args => ValueTask.FromResult(
                        HttpClientResiliencePredicates.IsTransient(args.Outcome) || args.Outcome.Result?.StatusCode == RateLimited),
                });
                pipeline.AddTimeout(attemptTimeout(context.ServiceProvider));
            });
        services.AddHttpClient(Streaming(name), client => client.Timeout = Timeout.InfiniteTimeSpan);
        return services;
    }

    public static string Streaming(string name) => name + ".streaming";
}
