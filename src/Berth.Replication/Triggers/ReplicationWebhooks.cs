using System.Text.Json;
using System.Threading.Channels;
using Berth.Client.Copy;
using Berth.Index.Data.Replication;
using Berth.Registry.Notifications;
using Berth.Replication.Queue;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Replication.Triggers;

/// <summary>
/// POSTs replication events (started, finished, retrying, failed) to Replication:Webhooks, signed with each
/// receiver's secret. Off the worker's path: events wait in a bounded memory queue (the oldest dropped when full)
/// and each is tried three times; they are not kept across restarts (the execution records are).
/// </summary>
internal sealed class ReplicationWebhooks(IHttpClientFactory http, IOptions<ReplicationOptions> options, TimeProvider time, ILogger<ReplicationWebhooks> logger)
    : BackgroundService
{
    public const string HttpClientName = "Berth.Replication.Webhooks";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Channel<byte[]> _events = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest });

    public ValueTask SendAsync(string type, ReplicationRuleRecord rule, ReplicationExecutionRecord execution, ExecutionOutcome? outcome, CancellationToken cancellationToken)
    {
        if (options.Value.Webhooks.Count == 0)
        {
            return ValueTask.CompletedTask;
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(
            new
            {
                type,
                timestamp = time.GetUtcNow(),
                rule = rule.Name,
                direction = rule.Direction.ToString().ToLowerInvariant(),
                execution = new
                {
                    id = execution.Id,
                    trigger = execution.Trigger.ToString().ToLowerInvariant(),
                    repository = execution.Repository,
                    reference = execution.Reference,
                    delete = execution.IsDelete,
                    attempt = execution.Attempts,
                    itemsCopied = outcome?.ItemsCopied,
                    itemsSkipped = outcome?.ItemsSkipped,
                    bytes = outcome?.Bytes,
                    errors = outcome?.Errors,
                },
            },
            Json);
        return _events.Writer.WriteAsync(body, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = new RetryPolicy { MaxAttempts = 3, FirstDelay = TimeSpan.FromSeconds(1), Time = time };
        await foreach (var body in _events.Reader.ReadAllAsync(stoppingToken))
        {
            foreach (var hook in options.Value.Webhooks)
            {
                try
                {
                    await retry.RunAsync(_ => PostAsync(hook, body, stoppingToken), null, stoppingToken);
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !stoppingToken.IsCancellationRequested)
                {
                    Log.WebhookFailed(logger, e, hook.Url!);
                }
            }
        }
    }

    private async Task PostAsync(ReplicationWebhookOptions hook, byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, hook.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        if (hook.Secret is { } secret)
        {
            request.Headers.TryAddWithoutValidation(NotificationSigner.HeaderName, NotificationSigner.Sign(secret, body));
        }

        using var response = await http.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
