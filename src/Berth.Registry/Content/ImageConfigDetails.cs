using System.Globalization;
using System.Text.Json;

namespace Berth.Registry.Content;

/// <summary>
/// What an image config says that the index shows: when the image was built, its platform and its labels. The
/// registry reads it for the push events it sends its index, and the index itself when an event does not carry it,
/// both through <see cref="ReadAsync"/>, so either way gives the same details. A config that is not a JSON object
/// (an artifact's) has none of them.
/// </summary>
public sealed record ImageConfigDetails(Digest Digest, DateTime? Created, string? Platform, IReadOnlyDictionary<string, string>? Labels)
{
    /// <summary>Larger configs are not read: their details stay unknown.</summary>
    public const long MaxConfigBytes = 1024 * 1024;

    /// <summary>Labels kept of one config; the rest are left out.</summary>
    public const int MaxLabels = 200;

    /// <summary>At most how many bytes the details take in an event's JSON: each character escaped counted as 6.</summary>
    public int MaxJsonBytes => 160 + JsonLength(Platform) + (Labels?.Sum(l => JsonLength(l.Key) + JsonLength(l.Value) + 6) ?? 0);

    /// <summary>Reads a config of at most <see cref="MaxConfigBytes"/>; null when it is larger.</summary>
    public static async Task<ImageConfigDetails?> ReadAsync(Digest digest, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (copy.Length + read > MaxConfigBytes)
            {
                return null;
            }

            copy.Write(buffer, 0, read);
        }

        return Parse(digest, copy.GetBuffer().AsMemory(0, (int)copy.Length));
    }

    /// <summary>The details of a config's bytes; none of them when the bytes are not a JSON object.</summary>
    public static ImageConfigDetails Parse(Digest digest, ReadOnlyMemory<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return FromJson(digest, document.RootElement);
        }
        catch (JsonException)
        {
            // Artifacts have configs that are not JSON image configs; the manifest is still worth recording.
            return new ImageConfigDetails(digest, null, null, null);
        }
    }

    /// <summary>"os/architecture[/variant]" of a config or of an index entry's platform; attestations are "unknown/unknown".</summary>
    public static string? PlatformOf(JsonElement element)
    {
        var os = Text(element, "os");
        var architecture = Text(element, "architecture");
        var variant = Text(element, "variant");
        if (string.IsNullOrEmpty(os) || string.IsNullOrEmpty(architecture))
        {
            return null;
        }

        return string.IsNullOrEmpty(variant) ? $"{os}/{architecture}" : $"{os}/{architecture}/{variant}";
    }

    private static ImageConfigDetails FromJson(Digest digest, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new ImageConfigDetails(digest, null, null, null);
        }

        DateTime? created = root.TryGetProperty("created", out var text) && text.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(text.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.UtcDateTime
            : null;
        var labels = root.TryGetProperty("config", out var config) && config.ValueKind == JsonValueKind.Object
            && config.TryGetProperty(nameof(Labels), out var values) ? LabelsOf(values) : null;
        return new ImageConfigDetails(digest, created, PlatformOf(root), labels);
    }

    /// <summary>The string values of a JSON object, the first <see cref="MaxLabels"/>; null when there are none.</summary>
    public static IReadOnlyDictionary<string, string>? LabelsOf(JsonElement values)
    {
        if (values.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var label in values.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).Take(MaxLabels))
        {
            // A name given twice keeps its first value (JSON allows the repetition, a dictionary does not).
            labels.TryAdd(label.Name, label.Value.GetString() ?? string.Empty);
        }

        return labels.Count > 0 ? labels : null;
    }

    /// <summary>Bytes of the string in JSON, at most: what JSON writers may escape (controls, quotes, HTML-sensitive, non-ASCII) as \uXXXX.</summary>
    private static int JsonLength(string? value) =>
        value?.Sum(c => c is >= ' ' and < '\x7f' and not ('"' or '\\' or '<' or '>' or '&' or '\'' or '+' or '`') ? 1 : 6) ?? 0;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
