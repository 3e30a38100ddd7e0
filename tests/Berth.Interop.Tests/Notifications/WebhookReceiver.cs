using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Berth.Interop.Tests.Notifications;

/// <summary>
/// A webhook receiver on Kestrel at 127.0.0.1: records every POST and answers with the status that
/// <c>statusOf</c> gives for the request's number (1, 2, …), 200 by default, after the wait <c>delayOf</c> gives.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _requests;

    private WebhookReceiver(WebApplication app, ConcurrentQueue<ReceivedRequest> requests, Uri baseAddress)
    {
        _app = app;
        _requests = requests;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public IReadOnlyList<ReceivedRequest> Requests => [.. _requests];

    /// <summary>Events of the requests answered with a 2xx, in the order they arrived.</summary>
    public IReadOnlyList<JsonObject> DeliveredEvents => [.. Requests.Where(r => r.Status is >= 200 and < 300).SelectMany(r => r.Events)];

    public static async Task<WebhookReceiver> StartAsync(int port = 0, Func<int, int>? statusOf = null, Func<int, TimeSpan>? delayOf = null)
    {
        var requests = new ConcurrentQueue<ReceivedRequest>();
        var count = 0;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.MapPost("/{**path}", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var number = Interlocked.Increment(ref count);
            await Task.Delay(delayOf?.Invoke(number) ?? TimeSpan.Zero);
            var status = statusOf?.Invoke(number) ?? StatusCodes.Status200OK;
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            requests.Enqueue(new ReceivedRequest(context.Request.Path.Value ?? "", headers, body.ToArray(), status));
            context.Response.StatusCode = status;
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new WebhookReceiver(app, requests, new Uri(address));
    }

    public Uri Url(string path = "events") => new(BaseAddress, path);

    /// <summary>Waits until the delivered events satisfy <paramref name="done"/>; fails with what arrived after 60 s.</summary>
    public async Task<IReadOnlyList<JsonObject>> WaitForAsync(Func<IReadOnlyList<JsonObject>, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var events = DeliveredEvents;
            if (done(events))
            {
                return events;
            }

            if (DateTime.UtcNow > deadline)
            {
                var seen = new StringBuilder();
                foreach (var e in events)
                {
                    seen.AppendLine(e.ToJsonString());
                }

                Assert.Fail($"The receiver did not get {what} within 60 s; it got {Requests.Count} requests with these events:\n{seen}");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
