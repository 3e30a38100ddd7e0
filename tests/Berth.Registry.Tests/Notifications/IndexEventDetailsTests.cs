using System.Text;
using System.Text.Json;
using Berth.Registry.Content;
using Berth.Registry.Events;
using Berth.Registry.Layout;
using Berth.Registry.Notifications;
using Berth.Storage;
using Berth.Storage.Filesystem;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Berth.Registry.Tests.Notifications;

/// <summary>
/// What a push event carries to the index so that it reads nothing back from the registry: the manifest as pushed and
/// its image config's details, read by the queue's writer, within a size limit and a per-request budget; the index's
/// reader keeps only what matches the event's digest; webhooks and old registries' events carry none of it.
/// </summary>
public sealed class IndexEventDetailsTests : IDisposable
{
    private const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    private static readonly NotificationSource Source = new(Options.Create(new NotificationOptions { SourceAddress = "node-1:5000" }));
    private readonly string _root = Directory.CreateTempSubdirectory("berth-index-details-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task WriterQueuesPushesForTheIndex_WithTheirManifestAndTheConfigsDetails_ReadFromTheStore()
    {
        var driver = new FilesystemStorageDriver(Path.Combine(_root, "store"));
        var config = Encoding.UTF8.GetBytes("""{"created":"2026-11-01T12:00:00Z","os":"linux","architecture":"arm","variant":"v7","config":{"Labels":{"team":"blue"}}}""");
        var configDigest = Digest.Compute(DigestAlgorithm.Sha256, config);
        await driver.PutContentAsync(RegistryLayout.BlobData(configDigest), config, default);
        var stored = Manifest(configDigest, config.Length);
        var configGone = Manifest(Digest.Compute(DigestAlgorithm.Sha256, "not stored"u8), 10);
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddMetrics()
            .AddSingleton<IStorageDriver>(driver)
            .AddNotifications(new ConfigurationBuilder().Build(), Path.Combine(_root, "data"), [new IndexEventsOptions { Secret = "0123456789abcdef" }.ToEndpoint(new Uri("http://index.test/"), "site-a")])
            .BuildServiceProvider();
        var publisher = new RegistryEventPublisher(services.GetServices<IRegistryEventSink>(), NullLogger<RegistryEventPublisher>.Instance);
        var writer = services.GetServices<IHostedService>().OfType<NotificationWriter>().Single();

        publisher.Publish(Push(stored, "v1"));
        publisher.Publish(Push(configGone, "v2"));
        publisher.Publish(Push(stored, "v3") with { Action = RegistryEventAction.Pull, ManifestContent = null });
        await writer.StartAsync(default);
        var queue = Path.Combine(_root, "data", "notifications", "index");
        List<RegistryEvent> events = [];
        for (var deadline = DateTime.UtcNow.AddSeconds(30); events.Count < 3; await Task.Delay(20))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The writer queued {events.Count} of 3 events within 30 s.");
            events = [.. Directory.EnumerateFiles(queue, "*.json").Order(StringComparer.Ordinal).SelectMany(f => NotificationEnvelopeReader.Read(File.ReadAllBytes(f)))];
        }

        await writer.StopAsync(default);

        Assert.Equal(16 * 1024, publisher.MaxCarriedManifestBytes);
        Assert.Equal(["v1", "v2", "v3"], events.Select(e => e.Tag));
        Assert.Equal(stored, events[0].ManifestContent);
        Assert.Equal((configDigest, new DateTime(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc), "linux/arm/v7"), (events[0].Config!.Digest, events[0].Config!.Created, events[0].Config!.Platform));
        Assert.Equal(new Dictionary<string, string> { ["team"] = "blue" }, events[0].Config!.Labels);
        Assert.Equal(configGone, events[1].ManifestContent);
        Assert.Null(events[1].Config);
        Assert.Null(events[2].ManifestContent);
    }

    [Fact]
    public void Envelope_CarriesManifestsUpToTheLimit_WhileTheBudgetLasts()
    {
        var config = new ImageConfigDetails(Digest.Compute(DigestAlgorithm.Sha256, "c"u8), null, "linux/amd64", null);
        var small = Manifest(config.Digest, 1, padding: 0);
        var large = Manifest(config.Digest, 1, padding: 3000);
        var events = new[]
        {
            Push(small, "small") with { Config = config },
            Push(large, "large"),
            Push(small, "over-budget") with { Config = config },
        };
        var budget = Base64Length(small) + config.MaxJsonBytes;

        var read = NotificationEnvelopeReader.Read(NotificationEnvelope.Write(events, Source, 2048, budget));

        Assert.True(large.Length > 2048);
        Assert.Equal(small, read[0].ManifestContent);
        Assert.Equal(config, read[0].Config);
        Assert.Null(read[1].ManifestContent);
        Assert.Null(read[2].ManifestContent);
        Assert.Null(read[2].Config);
    }

    [Fact]
    public void MergedEnvelopes_KeepWhatTheirPushesCarry()
    {
        var config = new ImageConfigDetails(Digest.Compute(DigestAlgorithm.Sha256, "c"u8), DateTime.UnixEpoch, null, new Dictionary<string, string> { ["a"] = "<b>" });
        var first = Manifest(config.Digest, 1);
        var second = Manifest(config.Digest, 2);
        var one = NotificationEnvelope.Write([Push(first, "a") with { Config = config }], Source, 4096, 1 << 20);
        var two = NotificationEnvelope.Write([Push(second, "b")], Source, 4096, 1 << 20);

        var read = NotificationEnvelopeReader.Read(NotificationEnvelope.Merge([one, two]));

        Assert.Equal([first, second], read.Select(e => e.ManifestContent));
        Assert.Equal((config.Digest, config.Created, "<b>"), (read[0].Config!.Digest, read[0].Config!.Created, read[0].Config!.Labels!["a"]));
        Assert.Null(read[1].Config);
    }

    [Fact]
    public void CarriedManifest_ThatDoesNotMatchTheEventsDigest_IsNotBelieved()
    {
        var config = new ImageConfigDetails(Digest.Compute(DigestAlgorithm.Sha256, "c"u8), null, "linux/amd64", null);
        var manifest = Manifest(config.Digest, 1);
        var envelope = Encoding.UTF8.GetString(NotificationEnvelope.Write([Push(manifest, "v1") with { Config = config }], Source, 4096, 1 << 20));
        var forged = envelope.Replace(Convert.ToBase64String(manifest), Convert.ToBase64String(Manifest(config.Digest, 999)), StringComparison.Ordinal);
        var broken = envelope.Replace(Convert.ToBase64String(manifest), "not base64!", StringComparison.Ordinal);

        var read = NotificationEnvelopeReader.Read(Encoding.UTF8.GetBytes(forged)).Single();
        var unreadable = NotificationEnvelopeReader.Read(Encoding.UTF8.GetBytes(broken)).Single();

        Assert.NotEqual(envelope, forged);
        Assert.Equal((null, null), (read.ManifestContent, read.Config));
        Assert.Equal((null, null), (unreadable.ManifestContent, unreadable.Config));
        Assert.Equal(Digest.Compute(DigestAlgorithm.Sha256, manifest), read.Digest);
    }

    [Fact]
    public void WebhookEnvelopes_AndOldRegistriesEvents_CarryNone()
    {
        var config = new ImageConfigDetails(Digest.Compute(DigestAlgorithm.Sha256, "c"u8), null, "linux/amd64", null);
        var manifest = Manifest(config.Digest, 1);
        var webhook = NotificationEnvelope.Write([Push(manifest, "v1") with { Config = config }], Source, 0, 0);
        var digest = Digest.Compute(DigestAlgorithm.Sha256, manifest);
        var old = Encoding.UTF8.GetBytes($$$"""
            {"events":[{"id":"1","timestamp":"2026-12-05T10:00:00Z","action":"push","target":{"mediaType":"{{{OciManifest}}}","size":{{{manifest.Length}}},
             "digest":"{{{digest}}}","length":{{{manifest.Length}}},"repository":"alice/app","tag":"v1"},"request":{},"actor":{},"source":{}}]}
            """);

        using var document = JsonDocument.Parse(webhook);
        var target = document.RootElement.GetProperty("events")[0].GetProperty("target");
        var read = NotificationEnvelopeReader.Read(old).Single();

        Assert.Equal(
            ["mediaType", "size", "digest", "length", "repository", "url", "tag"],
            target.EnumerateObject().Select(p => p.Name));
        Assert.Equal((digest, "v1"), (read.Digest, read.Tag));
        Assert.Equal((null, null), (read.ManifestContent, read.Config));
    }

    private static int Base64Length(byte[] content) => (content.Length + 2) / 3 * 4;

    private static byte[] Manifest(Digest config, long configSize, int padding = 0) => Encoding.UTF8.GetBytes($$$"""
        {"schemaVersion":2,"mediaType":"{{{OciManifest}}}","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{{{config}}}","size":{{{configSize}}}},
         "layers":[],"annotations":{"padding":"{{{new string('x', padding)}}}"}}
        """);

    private static RegistryEvent Push(byte[] manifest, string tag) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        Timestamp = DateTimeOffset.UtcNow,
        Action = RegistryEventAction.Push,
        Repository = "alice/app",
        IsManifest = true,
        Digest = Digest.Compute(DigestAlgorithm.Sha256, manifest),
        MediaType = OciManifest,
        Size = manifest.Length,
        Tag = tag,
        Host = "registry.test",
        ManifestContent = manifest,
    };
}
