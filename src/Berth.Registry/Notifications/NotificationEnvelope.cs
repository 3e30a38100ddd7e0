using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Berth.Registry.Content;
using Berth.Registry.Events;

namespace Berth.Registry.Notifications;

/// <summary>
/// The JSON body distribution's notifications send, <c>{"events":[...]}</c>, field for field (notifications/event.go):
/// id, timestamp, action, target {mediaType, size, digest, length, repository, fromRepository, url, tag},
/// request {id, addr, host, method, useragent}, actor {name}, source {addr, instanceID}.
/// </summary>
internal static class NotificationEnvelope
{
    /// <summary>The envelope's media type as distribution 2.x sends it, which receivers built for it accept.</summary>
    public const string MediaType = "application/vnd.docker.distribution.events.v1+json";

    /// <summary>
    /// Bytes of manifests and config details one request to an endpoint may carry, when its envelopes hold
    /// MaxEventsPerRequest events together: with the events themselves (1–2 KiB each, 1000 at most) a request stays
    /// within the 8 MiB an index takes in one batch, an index of any version.
    /// </summary>
    public const int MaxCarriedBytesPerRequest = 5 * 1024 * 1024;

    /// <summary>
    /// An envelope whose pushes also carry their manifest of at most <paramref name="maxManifestBytes"/> and their
    /// config's details, while the carried bytes add up to at most <paramref name="budget"/>; pushes past it carry none
    /// and the receiver reads them.
    /// </summary>
    public static byte[] Write(IReadOnlyList<RegistryEvent> events, NotificationSource source, int maxManifestBytes, long budget)
    {
        var buffer = new ArrayBufferWriter<byte>(1024 * events.Count);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("events");
            foreach (var e in events)
            {
                var (manifest, config) = CarriedBytes(e, maxManifestBytes);
                var carries = manifest > 0 && manifest + config <= budget;
                budget -= carries ? manifest + config : 0;
                WriteEvent(json, e, source, carries ? e.ManifestContent : null, carries && config > 0 ? e.Config : null);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>One envelope holding the events of several, in their order; a single envelope is returned as it is.</summary>
    public static byte[] Merge(IReadOnlyList<byte[]> envelopes)
    {
        if (envelopes.Count == 1)
        {
            return envelopes[0];
        }

        var buffer = new ArrayBufferWriter<byte>(envelopes.Sum(e => e.Length));
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("events");
            foreach (var envelope in envelopes)
            {
                using var document = JsonDocument.Parse(envelope);
                foreach (var e in document.RootElement.GetProperty("events").EnumerateArray())
                {
                    e.WriteTo(json);
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// What carrying the push's manifest (base64) and its config's details would add to the envelope: 0 for a manifest
    /// larger than <paramref name="maxManifestBytes"/>, and for config details larger than that too.
    /// </summary>
    private static (long Manifest, long Config) CarriedBytes(RegistryEvent e, int maxManifestBytes)
    {
        if (e.ManifestContent is not { } content || content.Length > maxManifestBytes)
        {
            return (0, 0);
        }

        var config = e.Config?.MaxJsonBytes ?? 0;
        return ((content.Length + 2) / 3 * 4, config <= maxManifestBytes ? config : 0);
    }

    private static void WriteEvent(Utf8JsonWriter json, RegistryEvent e, NotificationSource source, byte[]? manifest, ImageConfigDetails? config)
    {
        json.WriteStartObject();
        json.WriteString("id", e.Id);
        json.WriteString("timestamp", e.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        json.WriteString("action", e.Action.ToString().ToLowerInvariant());

        json.WriteStartObject("target");
        WriteIfSet(json, "mediaType", e.MediaType);
        if (e.Size is { } size)
        {
            json.WriteNumber("size", size);
        }

        WriteIfSet(json, "digest", e.Digest?.ToString());
        if (e.Size is { } length)
        {
            // Distribution keeps "length" beside "size" for receivers written before 2.1.
            json.WriteNumber("length", length);
        }

        json.WriteString("repository", e.Repository);
        WriteIfSet(json, "fromRepository", e.FromRepository);
        WriteIfSet(json, "url", Url(e));
        WriteIfSet(json, "tag", e.Tag);
        if (manifest is not null)
        {
            WriteCarried(json, manifest, config);
        }

        json.WriteEndObject();

        json.WriteStartObject("request");
        json.WriteString("id", e.RequestId ?? "");
        WriteIfSet(json, "addr", e.RemoteAddress);
        WriteIfSet(json, "host", e.Host);
        json.WriteString("method", e.Method ?? "");
        json.WriteString("useragent", e.UserAgent ?? "");
        json.WriteEndObject();

        json.WriteStartObject("actor");
        WriteIfSet(json, "name", e.Actor);
        json.WriteEndObject();

        json.WriteStartObject("source");
        json.WriteString("addr", source.Address);
        json.WriteString("instanceID", source.InstanceId);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>
    /// Berth's own target fields, which receivers built for distribution ignore: "manifest", the bytes as pushed in
    /// base64 (the receiver checks them against the digest), and "config", what the image config says
    /// (<see cref="ImageConfigDetails"/>; only its digest for a config that is no JSON image config).
    /// </summary>
    private static void WriteCarried(Utf8JsonWriter json, byte[] manifest, ImageConfigDetails? config)
    {
        json.WriteBase64String("manifest", manifest);
        if (config is null)
        {
            return;
        }

        json.WriteStartObject("config");
        json.WriteString("digest", config.Digest.ToString());
        if (config.Created is { } created)
        {
            json.WriteString("created", created.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        }

        WriteIfSet(json, "platform", config.Platform);
        if (config.Labels is { } labels)
        {
            json.WriteStartObject("labels");
            foreach (var (name, value) in labels)
            {
                json.WriteString(name, value);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    /// <summary>Where the target can be fetched, as the client addressed this registry; none without a digest or a host.</summary>
    private static string? Url(RegistryEvent e)
    {
        if (e.Digest is not { } digest || string.IsNullOrEmpty(e.Host))
        {
            return null;
        }

        var kind = e.IsManifest ? "manifests" : "blobs";
        return $"{e.Scheme ?? "http"}://{e.Host}/v2/{e.Repository}/{kind}/{digest}";
    }

    private static void WriteIfSet(Utf8JsonWriter json, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            json.WriteString(name, value);
        }
    }
}
