using System.Buffers;
using System.Globalization;
using System.Text.Json;
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

    public static byte[] Write(IReadOnlyList<RegistryEvent> events, NotificationSource source)
    {
        var buffer = new ArrayBufferWriter<byte>(1024 * events.Count);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("events");
            foreach (var e in events)
            {
                WriteEvent(json, e, source);
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

    private static void WriteEvent(Utf8JsonWriter json, RegistryEvent e, NotificationSource source)
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
