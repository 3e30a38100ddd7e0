using System.Globalization;
using System.Text.Json.Nodes;
using Berth.Interop.Tests.Fixtures;
using Berth.Interop.Tests.Layout;
using Berth.Testing;
using static Berth.Interop.Tests.Notifications.EventAssert;

namespace Berth.Interop.Tests.Notifications;

/// <summary>skopeo pushes, pulls and deletes an image; a webhook receiver gets distribution's envelopes, signed.</summary>
public sealed class SkopeoNotificationTests : IAsyncLifetime
{
    private readonly Tools.Skopeo _skopeo = new();
    private readonly TempDirectory _work = new("berth-hooks-");
    private WebhookReceiver _receiver = null!;
    private BerthTestServer _berth = null!;

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _berth = await BerthTestServer.StartAsync(NotificationSettings.Hook(_receiver.Url()));
    }

    public async Task DisposeAsync()
    {
        await _berth.DisposeAsync();
        await _receiver.DisposeAsync();
        _work.Dispose();
    }

    [Fact]
    public async Task SkopeoPushPullDelete_SendsDistributionEventsForManifestAndBlobs_SignedWithTheSecret()
    {
        var source = new OciLayoutBuilder(_work.Combine("source"), seed: 71);
        var image = source.AddImage(layerCount: 2);
        source.Tag("v1", image.Manifest);
        OciDescriptor[] blobs = [.. image.Layers, image.Config];
        var started = DateTimeOffset.UtcNow;

        await _skopeo.PushAsync(source.Directory, "v1", $"{_berth.HostPort}/team/hooked:v1");

        var pushed = await _receiver.WaitForAsync(
            events => Has(events, "push", image.Manifest.Digest) && blobs.All(b => Has(events, "push", b.Digest)), "the push of the manifest and every blob");
        var manifest = Single(pushed, "push", image.Manifest.Digest);
        AssertCommonFields(manifest, started, "PUT");
        Assert.Equal(OciMediaTypes.Manifest, Text(manifest, "target", "mediaType"));
        Assert.Equal(image.Manifest.Size, Number(manifest, "target", "size"));
        Assert.Equal(image.Manifest.Size, Number(manifest, "target", "length"));
        Assert.Equal("v1", Text(manifest, "target", "tag"));
        Assert.Equal($"{_berth.BaseAddress}v2/team/hooked/manifests/{image.Manifest.Digest}", Text(manifest, "target", "url"));
        foreach (var blob in blobs)
        {
            var e = Single(pushed, "push", blob.Digest);
            AssertCommonFields(e, started, "PUT");
            Assert.Equal("application/octet-stream", Text(e, "target", "mediaType"));
            Assert.Equal(blob.Size, Number(e, "target", "size"));
            Assert.Equal(blob.Size, Number(e, "target", "length"));
            Assert.Equal($"{_berth.BaseAddress}v2/team/hooked/blobs/{blob.Digest}", Text(e, "target", "url"));
        }

        await _skopeo.PullAsync($"{_berth.HostPort}/team/hooked:v1", _work.Combine("pulled"), "v1");

        var pulled = await _receiver.WaitForAsync(
            events => Has(events, "pull", image.Manifest.Digest) && blobs.All(b => Has(events, "pull", b.Digest)), "the pull of the manifest and every blob");
        var manifestPull = pulled.First(e => Action(e) == "pull" && Digest(e) == image.Manifest.Digest);
        AssertCommonFields(manifestPull, started, "GET");
        Assert.Equal(OciMediaTypes.Manifest, Text(manifestPull, "target", "mediaType"));
        Assert.Equal(image.Layers[0].Size, Number(pulled.First(e => Action(e) == "pull" && Digest(e) == image.Layers[0].Digest), "target", "size"));

        await _skopeo.DeleteAsync($"{_berth.HostPort}/team/hooked:v1");

        var deleted = await _receiver.WaitForAsync(events => Has(events, "delete", image.Manifest.Digest), "the delete of the manifest");
        var delete = Single(deleted, "delete", image.Manifest.Digest);
        AssertCommonFields(delete, started, "DELETE");
        Assert.Null(delete["target"]!["size"]);
        SignedEnvelopes(_receiver.Requests, NotificationSettings.Secret);
        Assert.All(_receiver.Requests, r => Assert.Single(r.Events));
        Assert.Equal(_receiver.DeliveredEvents.Count, _receiver.DeliveredEvents.Select(e => Text(e, "request", "id") + e["id"]).Distinct().Count());
    }

    private void AssertCommonFields(JsonObject e, DateTimeOffset started, string method)
    {
        Assert.False(string.IsNullOrEmpty(e["id"]?.GetValue<string>()));
        var timestamp = DateTimeOffset.Parse(e["timestamp"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.InRange(timestamp, started.AddSeconds(-5), DateTimeOffset.UtcNow.AddSeconds(5));
        Assert.Equal("team/hooked", Text(e, "target", "repository"));
        Assert.False(string.IsNullOrEmpty(Text(e, "request", "id")));
        Assert.Equal("127.0.0.1", Text(e, "request", "addr"));
        Assert.Equal(_berth.HostPort, Text(e, "request", "host"));
        Assert.Equal(method, Text(e, "request", "method"));
        Assert.StartsWith("skopeo/", Text(e, "request", "useragent"), StringComparison.Ordinal);
        Assert.Empty(e["actor"]!.AsObject());
        Assert.EndsWith(":" + _berth.BaseAddress.Port.ToString(CultureInfo.InvariantCulture), Text(e, "source", "addr"), StringComparison.Ordinal);
        Assert.True(Guid.TryParse(Text(e, "source", "instanceID"), out _));
    }
}
