using System.Globalization;
using System.Text.Json;
using Berth.Registry.Content;
using Berth.Registry.Events;

namespace Berth.Registry.Notifications;

/// <summary>
/// Reads back the envelope <see cref="NotificationEnvelope"/> writes, for the index receiving a registry's events.
/// Request and source fields are not read back: nothing on the receiving side depends on them. A push's carried
/// manifest is kept only when its bytes have the event's digest, and its config details only with that manifest;
/// what is missing, malformed or does not match is read from the registry instead, as for a registry that sends none.
/// </summary>
public static class NotificationEnvelopeReader
{
    private const string BlobMediaType = "application/octet-stream";

    /// <summary>The events of an envelope; <see cref="FormatException"/> when the body is not one.</summary>
    public static IReadOnlyList<RegistryEvent> Read(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (!document.RootElement.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("The body has no \"events\" array.");
            }

            return [.. events.EnumerateArray().Select(ReadEvent)];
        }
        catch (JsonException e)
        {
            throw new FormatException("The body is not JSON: " + e.Message, e);
        }
    }

    private static RegistryEvent ReadEvent(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("target", out var target) || target.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("An event has no target.");
        }

        var id = Text(e, "id") is { Length: > 0 and <= 64 } value ? value : throw new FormatException("An event has no id (1 to 64 characters).");
        var action = Enum.TryParse<RegistryEventAction>(Text(e, "action"), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new FormatException($"Event {id} has an unknown action.");
        var timestamp = DateTimeOffset.TryParse(Text(e, "timestamp"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw new FormatException($"Event {id} has no valid timestamp.");
        var repository = Text(target, "repository") ?? throw new FormatException($"Event {id} has no target.repository.");
        Digest? digest = null;
        if (Text(target, "digest") is { } text)
        {
            digest = Digest.TryParse(text, out var d) ? d : throw new FormatException($"Event {id} has an invalid digest.");
        }

        var mediaType = Text(target, "mediaType");
        var manifest = digest is { } pushed && action == RegistryEventAction.Push ? CarriedManifest(target, pushed) : null;
        return new RegistryEvent
        {
            Id = id,
            Timestamp = timestamp,
            Action = action,
            Repository = repository,

            // Blobs are application/octet-stream; deletes carry no media type, but a blob's URL names /blobs/.
            IsManifest = !string.Equals(mediaType, BlobMediaType, StringComparison.Ordinal)
                && Text(target, "url")?.Contains("/blobs/", StringComparison.Ordinal) != true,
            Digest = digest,
            MediaType = mediaType,
            Size = target.TryGetProperty("size", out var size) && size.TryGetInt64(out var n) ? n : null,
            Tag = Text(target, "tag"),
            FromRepository = Text(target, "fromRepository"),
            Actor = e.TryGetProperty("actor", out var actor) && actor.ValueKind == JsonValueKind.Object ? Text(actor, "name") : null,
            ManifestContent = manifest,
            Config = manifest is null ? null : CarriedConfig(target),
        };
    }

    private static byte[]? CarriedManifest(JsonElement target, Digest digest)
    {
        if (!target.TryGetProperty("manifest", out var value) || value.ValueKind != JsonValueKind.String || !value.TryGetBytesFromBase64(out var content))
        {
            return null;
        }

        return Digest.Compute(digest.Algorithm, content) == digest ? content : null;
    }

    private static ImageConfigDetails? CarriedConfig(JsonElement target)
    {
        if (!target.TryGetProperty("config", out var config) || config.ValueKind != JsonValueKind.Object || !Digest.TryParse(Text(config, "digest"), out var digest))
        {
            return null;
        }

        DateTime? created = DateTimeOffset.TryParse(Text(config, "created"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.UtcDateTime
            : null;
        var labels = config.TryGetProperty("labels", out var values) ? ImageConfigDetails.LabelsOf(values) : null;
        return new ImageConfigDetails(digest, created, Text(config, "platform"), labels);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
