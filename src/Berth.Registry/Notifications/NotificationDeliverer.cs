using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Timeout;

namespace Berth.Registry.Notifications;

/// <summary>
/// Sends each endpoint's queue in order, one request at a time: the oldest envelope with those queued right after it, up
/// to MaxEventsPerRequest events (a backlog of small envelopes goes out in fewer, larger requests); a 2xx deletes them; any other status, a timeout or a
/// connection error retries it after a jittered backoff that doubles up to MaxBackoff (the endpoint's resilience
/// pipeline), until MaxAttempts, when it is dropped.
/// Endpoints are independent: one that is down holds back only its own queue.
/// </summary>
internal sealed class NotificationDeliverer(
    NotificationEndpoints endpoints,
    IHttpClientFactory httpClientFactory,
    NotificationMetrics metrics,
    TimeProvider timeProvider,
    ILogger<NotificationDeliverer> logger) : BackgroundService
{
    public const string HttpClientName = "Berth.Notifications";

    /// <summary>Whether the envelope being delivered is still queued; one dropped while it waited is not retried.</summary>
    private static readonly ResiliencePropertyKey<Func<bool>> StillQueued = new("berth.notifications.still-queued");

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(endpoints.All.Select(e => RunAsync(e, stoppingToken)));

    private async Task RunAsync(NotificationEndpoint endpoint, CancellationToken stoppingToken)
    {
        var delivery = DeliveryPipeline(endpoint);
        try
        {
            while (true)
            {
                var envelopes = await endpoint.Queue.PeekRunAsync(endpoint.Options.MaxEventsPerRequest, stoppingToken);
                var bodies = new List<byte[]>(envelopes.Count);
                var readable = new List<QueuedEnvelope>(envelopes.Count);
                foreach (var envelope in envelopes)
                {
                    if (await ReadAsync(endpoint, envelope, stoppingToken) is { } read)
                    {
                        bodies.Add(read);
                        readable.Add(envelope);
                    }
                }

                if (readable.Count == 0)
                {
                    continue;
                }

                try
                {
                    await DeliverAsync(endpoint, delivery, readable, NotificationEnvelope.Merge(bodies), stoppingToken);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    Log.DeleteFailed(logger, exception, readable[0].Path);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the envelope in flight stays on disk and is sent again after the restart.
        }
    }

    /// <summary>The envelope's body; null (and the envelope off the queue) when its file is gone or unreadable.</summary>
    private async Task<byte[]?> ReadAsync(NotificationEndpoint endpoint, QueuedEnvelope envelope, CancellationToken stoppingToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(envelope.Path, stoppingToken);
        }
        catch (FileNotFoundException)
        {
            // Dropped as the oldest of a full queue between the peek and the read.
            endpoint.Queue.Remove(envelope);
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // An unreadable file must not stop delivery of the rest (nor, through a faulted service, the host).
            Log.ReadFailed(logger, exception, endpoint.Name, envelope.Path);
            endpoint.Queue.Remove(envelope);
            metrics.Dropped(endpoint.Name, envelope.EventCount, "read_failed");
            return null;
        }
    }

    /// <summary>Sends consecutive envelopes of the queue as one request (their events merged in order).</summary>
    private async Task DeliverAsync(
        NotificationEndpoint endpoint, ResiliencePipeline<HttpResponseMessage> delivery, IReadOnlyList<QueuedEnvelope> envelopes, byte[] body, CancellationToken stoppingToken)
    {
        var context = ResilienceContextPool.Shared.Get(stoppingToken);
        context.Properties.Set(StillQueued, () => envelopes.All(endpoint.Queue.Contains));
        var attempts = 0;
        string? failure;
        try
        {
            using var response = await delivery.ExecuteAsync(
                async attempt =>
                {
                    // The retry's back-off may outlast an envelope: a full queue drops its oldest while it waits.
                    if (attempts++ > 0 && !envelopes.All(endpoint.Queue.Contains))
                    {
                        throw new EnvelopeLeftTheQueueException();
                    }

                    using var request = CreateRequest(endpoint, body);
                    return await httpClientFactory.CreateClient(HttpClientName)
                        .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.CancellationToken);
                },
                context);
            failure = response.IsSuccessStatusCode ? null : Failed(endpoint, Outcome.FromResult(response));
        }
        catch (Exception exception) when (exception is TimeoutRejectedException or HttpRequestException)
        {
            failure = Failed(endpoint, Outcome.FromException<HttpResponseMessage>(exception));
        }
        catch (EnvelopeLeftTheQueueException)
        {
            return;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        foreach (var envelope in envelopes)
        {
            if (failure is null)
            {
                endpoint.Queue.Remove(envelope);
                metrics.Sent(endpoint.Name, envelope.EventCount);
            }
            else if (endpoint.Queue.Remove(envelope))
            {
                Log.GaveUp(logger, endpoint.Name, attempts, failure, envelope.EventCount, envelope.Path);
                metrics.Dropped(endpoint.Name, envelope.EventCount, "max_attempts");
            }
        }
    }

    /// <summary>
    /// The endpoint's attempts: each within its Timeout, retried after any failure with a jittered exponential
    /// back-off from Backoff up to MaxBackoff, until MaxAttempts or until the envelope left the queue (dropped as the
    /// oldest of a full queue while it waited).
    /// </summary>
    private ResiliencePipeline<HttpResponseMessage> DeliveryPipeline(NotificationEndpoint endpoint)
    {
        var options = endpoint.Options;
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider };
        if (options.MaxAttempts > 1)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                Delay = options.Backoff,
                MaxDelay = options.MaxBackoff,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Context.Properties.GetValue(StillQueued, static () => true)()
                    && args.Outcome is { Exception: TimeoutRejectedException or HttpRequestException } or { Result.IsSuccessStatusCode: false }),
                OnRetry = args =>
                {
                    var reason = Failed(endpoint, args.Outcome);
                    Log.Retrying(logger, endpoint.Name, args.AttemptNumber + 1, options.MaxAttempts, reason, args.RetryDelay);
                    metrics.Retried(endpoint.Name);
                    return ValueTask.CompletedTask;
                },
            });
        }

        return pipeline.AddTimeout(options.Timeout).Build();
    }

    private static HttpRequestMessage CreateRequest(NotificationEndpoint endpoint, byte[] body)
    {
        var options = endpoint.Options;
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(NotificationEnvelope.MediaType);
        foreach (var (name, value) in options.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (options.Secret is { } secret)
        {
            request.Headers.TryAddWithoutValidation(NotificationSigner.HeaderName, NotificationSigner.Sign(secret, body));
        }

        return request;
    }

    /// <summary>Counts a failed attempt and says why it failed, for the log.</summary>
    private string Failed(NotificationEndpoint endpoint, Outcome<HttpResponseMessage> outcome)
    {
        switch (outcome.Exception)
        {
            case TimeoutRejectedException:
                metrics.Failed(endpoint.Name, "timeout");
                return $"no answer within {endpoint.Options.Timeout}";
            case { } exception:
                Log.SendError(logger, exception, endpoint.Name);
                metrics.Failed(endpoint.Name, "error");
                return exception.Message;
            default:
                metrics.Failed(endpoint.Name, "status");
                return string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)outcome.Result!.StatusCode}");
        }
    }

    /// <summary>Ends the attempts for an envelope that was dropped from the queue (and counted there) while it waited.</summary>
    private sealed class EnvelopeLeftTheQueueException : Exception;
}
