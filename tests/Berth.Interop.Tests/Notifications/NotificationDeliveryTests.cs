using System.Globalization;
using System.Security.Cryptography;
using Berth.Client;
using Berth.Interop.Tests.Fixtures;
using Berth.Interop.Tests.Mirror;
using Berth.Testing;
using static Berth.Interop.Tests.Notifications.EventAssert;

namespace Berth.Interop.Tests.Notifications;

/// <summary>Retries, the persistent queue across a restart, its bound, and per-endpoint filters, against a real receiver.</summary>
public sealed class NotificationDeliveryTests : IDisposable
{
    private readonly TempDirectory _work = new("berth-hooks-");

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task Receiver500ThenOk_TheSameSignedEnvelopeIsSentAgainAndDelivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync(statusOf: n => n == 1 ? 500 : 200);
        await using var berth = await BerthTestServer.StartAsync(NotificationSettings.Hook(receiver.Url()));
        var blob = RandomBlob(1000);

        await PushBlobAsync(berth, "team/retry", blob);

        await receiver.WaitForAsync(events => Has(events, "push", TestImage.DigestOf(blob)), "the blob's push after a retry");
        var requests = receiver.Requests;
        Assert.Equal(500, requests[0].Status);
        Assert.Equal(200, requests[1].Status);
        Assert.Equal(requests[0].Body, requests[1].Body);
        SignedEnvelopes(requests, NotificationSettings.Secret);
        await WaitForEmptyQueueAsync(berth.DataDirectory);
    }

    [Fact]
    public async Task RestartWithEventsQueued_WhileTheReceiverIsDown_DeliversThemOnceItIsUp()
    {
        var port = FreePort.Next();
        var url = new Uri($"http://127.0.0.1:{port}/events");
        var data = _work.Combine("data");
        Directory.CreateDirectory(data);
        var settings = NotificationSettings.Hook(url, ("MaxAttempts", "100000"));
        var image = TestImage.Create(seed: 73, 1000, 2000);
        string[] digests = [.. image.Blobs.Keys, image.ManifestDigest];
        await using (var berth = await BerthTestServer.StartAsync(settings, dataDirectory: data))
        {
            await image.PushAsync(berth.BaseAddress, "team/queued", "v1");
        }

        Assert.Equal(digests.Length, QueuedFiles(data).Length);
        await using var receiver = await WebhookReceiver.StartAsync(port);
        await using var restarted = await BerthTestServer.StartAsync(settings, dataDirectory: data);

        var events = await receiver.WaitForAsync(e => digests.All(d => Has(e, "push", d)), "every push queued before the restart");
        Assert.All(digests, d => Single(events, "push", d));
        Assert.Single(events.Select(e => Text(e, "source", "instanceID")).Distinct());
        SignedEnvelopes(receiver.Requests, NotificationSettings.Secret);
        await WaitForEmptyQueueAsync(data);
    }

    [Fact]
    public async Task FullQueue_DropsTheOldestEnvelopes_AndCountsThem()
    {
        var port = FreePort.Next();
        var settings = NotificationSettings.Hook(new Uri($"http://127.0.0.1:{port}/events"), ("MaxQueued", "2"), ("MaxAttempts", "100000"));
        await using var berth = await BerthTestServer.StartAsync(settings);
        var blobs = Enumerable.Range(0, 5).Select(_ => RandomBlob(500)).ToList();
        foreach (var blob in blobs)
        {
            await PushBlobAsync(berth, "team/bounded", blob);
        }

        var newest = TestImage.DigestOf(blobs[^1]);
        await WaitUntilAsync(() => QueuedFiles(berth.DataDirectory).Any(f => File.ReadAllText(f).Contains(newest, StringComparison.Ordinal)), "the newest event on disk");
        Assert.Equal(2, QueuedFiles(berth.DataDirectory).Length);
        await using var receiver = await WebhookReceiver.StartAsync(port);

        await receiver.WaitForAsync(e => e.Count >= 2, "the two envelopes the queue kept");
        await WaitForEmptyQueueAsync(berth.DataDirectory);
        Assert.Equal([.. blobs[^2..].Select(TestImage.DigestOf)], receiver.DeliveredEvents.Select(Digest));
        await WaitUntilAsync(async () => await DroppedAsync(berth, "queue_full") == 3, "berth_notifications_dropped{reason=queue_full} = 3 in /metrics");
    }

    [Fact]
    public async Task QueuedEnvelopes_GoOutTogether_InOrder_UpToMaxEventsPerRequest()
    {
        var port = FreePort.Next();
        var settings = NotificationSettings.Hook(new Uri($"http://127.0.0.1:{port}/events"), ("MaxEventsPerRequest", "3"), ("MaxAttempts", "100000"));
        await using var berth = await BerthTestServer.StartAsync(settings);
        var blobs = Enumerable.Range(0, 5).Select(_ => RandomBlob(500)).ToList();
        foreach (var blob in blobs)
        {
            await PushBlobAsync(berth, "team/together", blob);
        }

        // Files are named <sequence>-<events>.json; the writer packs events that reach it together, so count from the names.
        static List<int> Envelopes(string data) =>
            [.. QueuedFiles(data).Order(StringComparer.Ordinal).Select(f => int.Parse(Path.GetFileNameWithoutExtension(f).Split('-')[1], CultureInfo.InvariantCulture))];
        await WaitUntilAsync(() => Envelopes(berth.DataDirectory).Sum() == 5, "the five events on disk");
        var envelopes = Envelopes(berth.DataDirectory);
        await using var receiver = await WebhookReceiver.StartAsync(port);

        await receiver.WaitForAsync(e => e.Count >= 5, "the five events");
        await WaitForEmptyQueueAsync(berth.DataDirectory);
        Assert.Equal([.. blobs.Select(TestImage.DigestOf)], receiver.DeliveredEvents.Select(Digest));
        SignedEnvelopes(receiver.Requests, NotificationSettings.Secret);

        // The first request is the one retried while the receiver was down, with what was queued at its first attempt;
        // the envelopes after it go out together, as many as fit in 3 events.
        var sent = receiver.Requests.Where(r => r.Status == 200).Select(r => r.Events.Count).ToList();
        var expected = new List<int> { sent[0] };
        var next = 0;
        for (var covered = 0; covered < sent[0]; next++)
        {
            covered += envelopes[next];
        }

        foreach (var count in envelopes.Skip(next))
        {
            if (expected.Count > 1 && expected[^1] + count <= 3)
            {
                expected[^1] += count;
            }
            else
            {
                expected.Add(count);
            }
        }

        Assert.Equal(expected, sent);
        Assert.True(sent.Count < envelopes.Count, $"{envelopes.Count} envelopes in {sent.Count} requests");
        SignedEnvelopes(receiver.Requests, NotificationSettings.Secret);
    }

    [Fact]
    public async Task IgnoredActionsAndMediaTypes_AreNotSent_OtherEventsAre()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var settings = NotificationSettings.Hook(receiver.Url(), ("Ignore:Actions:0", "pull"), ("IgnoredMediaTypes:0", "application/octet-stream"));
        await using var berth = await BerthTestServer.StartAsync(settings);
        var image = TestImage.Create(seed: 74, 700);
        await image.PushAsync(berth.BaseAddress, "team/filtered", "v1");
        using (var http = berth.CreateClient())
        {
            (await http.GetAsync(new Uri($"/v2/team/filtered/manifests/v1", UriKind.Relative))).EnsureSuccessStatusCode();
            (await http.GetAsync(new Uri($"/v2/team/filtered/blobs/{image.Blobs.Keys.First()}", UriKind.Relative))).EnsureSuccessStatusCode();
        }

        // The endpoint's queue is in order, so once this last push arrives every earlier event has been sent or skipped.
        await image.PushAsync(berth.BaseAddress, "team/filtered", "last");
        var events = await receiver.WaitForAsync(e => e.Any(x => Text(x, "target", "tag") == "last"), "the push of tag 'last'");

        Assert.Equal(["v1", "last"], events.Select(e => Text(e, "target", "tag")));
        Assert.All(events, e => Assert.Equal("push", Action(e)));
        Assert.All(events, e => Assert.Equal(image.ManifestDigest, Digest(e)));
    }

    [Fact]
    public async Task SlowReceiver_PastTheTimeout_IsRetried_AndTheEventDelivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync(delayOf: n => n == 1 ? TimeSpan.FromSeconds(3) : TimeSpan.Zero);
        await using var berth = await BerthTestServer.StartAsync(NotificationSettings.Hook(receiver.Url(), ("Timeout", "00:00:00.500")));
        var blob = RandomBlob(800);

        await PushBlobAsync(berth, "team/slow", blob);

        await receiver.WaitForAsync(events => events.Count(e => Digest(e) == TestImage.DigestOf(blob)) >= 2, "the event again after the first attempt timed out");
        await WaitForEmptyQueueAsync(berth.DataDirectory);
        Assert.Equal(receiver.Requests[0].Body, receiver.Requests[1].Body);
    }

    [Fact]
    public async Task MountAndTagDelete_CarryTheMountedSizeAndSourceRepository_AndTheDeletedTag()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var berth = await BerthTestServer.StartAsync(NotificationSettings.Hook(receiver.Url()));
        var image = TestImage.Create(seed: 75, 1500);
        await image.PushAsync(berth.BaseAddress, "team/origin", "v1");
        var layer = TestImage.DigestOf(image.Layers[0]);
        using var http = berth.CreateClient();

        using var mount = await http.PostAsync(new Uri($"/v2/team/copy/blobs/uploads/?mount={layer}&from=team/origin", UriKind.Relative), null);
        Assert.Equal(System.Net.HttpStatusCode.Created, mount.StatusCode);
        using var delete = await http.DeleteAsync(new Uri("/v2/team/origin/manifests/v1", UriKind.Relative));
        delete.EnsureSuccessStatusCode();

        var events = await receiver.WaitForAsync(e => Has(e, "mount", layer) && e.Any(x => Action(x) == "delete"), "the mount and the tag delete");
        var mounted = Single(events, "mount", layer);
        Assert.Equal(1500, Number(mounted, "target", "size"));
        Assert.Equal("team/copy", Text(mounted, "target", "repository"));
        Assert.Equal("team/origin", Text(mounted, "target", "fromRepository"));
        var deleted = Assert.Single(events, e => Action(e) == "delete");
        Assert.Equal("v1", Text(deleted, "target", "tag"));
        Assert.Equal("DELETE", Text(deleted, "request", "method"));
    }

    private static byte[] RandomBlob(int size) => RandomNumberGenerator.GetBytes(size);

    private static async Task PushBlobAsync(BerthTestServer berth, string repository, byte[] blob)
    {
        using var client = RegistryClient.Create(new RegistryClientOptions { BaseAddress = berth.BaseAddress });
        await client.PushBlobAsync(repository, TestImage.DigestOf(blob), new ByteArrayContent(blob), default);
    }

    private static string[] QueuedFiles(string dataDirectory)
    {
        var queue = Path.Combine(dataDirectory, "notifications", "hook");
        return Directory.Exists(queue) ? Directory.GetFiles(queue, "*.json") : [];
    }

    private static Task WaitForEmptyQueueAsync(string dataDirectory) =>
        WaitUntilAsync(() => QueuedFiles(dataDirectory).Length == 0, "an empty queue folder after delivery");

    private static Task WaitUntilAsync(Func<bool> condition, string what) => WaitUntilAsync(() => Task.FromResult(condition()), what);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(50);
        }
    }

    /// <summary>berth.notifications.dropped for the endpoint "hook" and a reason, as /metrics exports it.</summary>
    private static async Task<long> DroppedAsync(BerthTestServer berth, string reason)
    {
        using var http = berth.CreateMetricsClient();
        var text = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var line = text.Split('\n').FirstOrDefault(l =>
            l.StartsWith("berth_notifications_dropped", StringComparison.Ordinal) && l.Contains($"reason=\"{reason}\"", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[(line.IndexOf('}', StringComparison.Ordinal) + 2)..].Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
