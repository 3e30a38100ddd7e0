using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Berth.Registry.Notifications;

/// <summary>
/// Sends each endpoint's queue in order, one envelope at a time: a 2xx deletes it; any other status, a timeout or a
/// connection error retries it after a backoff that doubles up to MaxBackoff, until MaxAttempts, when it is dropped.
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

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(endpoints.All.Select(e => RunAsync(e, stoppingToken)));

    private async Task RunAsync(NotificationEndpoint endpoint, CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                var envelope = await endpoint.Queue.PeekAsync(stoppingToken);
                byte[] body;
                try
                {
                    body = await File.ReadAllBytesAsync(envelope.Path, stoppingToken);
                }
                catch (FileNotFoundException)
                {
                    // Dropped as the oldest of a full queue between the peek and the read.
                    endpoint.Queue.Remove(envelope);
                    continue;
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    // An unreadable file must not stop delivery of the rest (nor, through a faulted service, the host).
                    Log.ReadFailed(logger, exception, endpoint.Name, envelope.Path);
                    endpoint.Queue.Remove(envelope);
                    metrics.Dropped(endpoint.Name, envelope.EventCount, "read_failed");
                    continue;
                }

                try
                {
                    await DeliverAsync(endpoint, envelope, body, stoppingToken);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    Log.DeleteFailed(logger, exception, envelope.Path);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the envelope in flight stays on disk and is sent again after the restart.
        }
    }

    private async Task DeliverAsync(NotificationEndpoint endpoint, QueuedEnvelope envelope, byte[] body, CancellationToken stoppingToken)
    {
        var options = endpoint.Options;
        for (var attempt = 1; ; attempt++)
        {
            var failure = await SendAsync(endpoint, body, stoppingToken);
            if (failure is null)
            {
                endpoint.Queue.Remove(envelope);
                metrics.Sent(endpoint.Name, envelope.EventCount);
                return;
            }

            if (attempt >= options.MaxAttempts)
            {
                if (endpoint.Queue.Remove(envelope))
                {
                    Log.GaveUp(logger, endpoint.Name, attempt, failure, envelope.EventCount, envelope.Path);
                    metrics.Dropped(endpoint.Name, envelope.EventCount, "max_attempts");
                }

                return;
            }

            var delay = Backoff(options, attempt);
            Log.Retrying(logger, endpoint.Name, attempt, options.MaxAttempts, failure, delay);
            await Task.Delay(delay, timeProvider, stoppingToken);
            if (!endpoint.Queue.Contains(envelope))
            {
                return;
            }

            metrics.Retried(endpoint.Name);
        }
    }

    /// <summary>Null when delivered; otherwise why not, for the log and the metric.</summary>
    private async Task<string?> SendAsync(NotificationEndpoint endpoint, byte[] body, CancellationToken stoppingToken)
    {
        var options = endpoint.Options;
        using var timeout = new CancellationTokenSource(options.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(NotificationEnvelope.MediaType);
        foreach (var (name, value) in options.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (options.Secret is { } secret)
        {
            request.Headers.TryAddWithoutValidation(NotificationSigner.HeaderName, NotificationSigner.Sign(secret, body));
        }

        try
        {
            using var response = await httpClientFactory.CreateClient(HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            if (response.IsSuccessStatusCode)
            {
                return null;
            }

            metrics.Failed(endpoint.Name, "status");
            return string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode}");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            metrics.Failed(endpoint.Name, "timeout");
            return $"no answer within {options.Timeout}";
        }
        catch (HttpRequestException exception)
        {
            Log.SendError(logger, exception, endpoint.Name);
            metrics.Failed(endpoint.Name, "error");
            return exception.Message;
        }
    }

    private static TimeSpan Backoff(NotificationEndpointOptions options, int attempt)
    {
        var milliseconds = options.Backoff.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        return TimeSpan.FromMilliseconds(Math.Min(milliseconds, options.MaxBackoff.TotalMilliseconds));
    }
}
