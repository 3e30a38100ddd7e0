using System.Text.Json;
using Berth.Registry.Content;

namespace Berth.Registry.Manifests;

/// <summary>
/// Parses and validates the manifests the registry accepts: Docker v2 schema 2 manifests and manifest lists, OCI image
/// manifests and indexes, including artifacts (artifactType, any config media type). Schema 1 is refused.
/// </summary>
public static class ManifestParser
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    /// <param name="content">The manifest bytes, exactly as pushed.</param>
    /// <param name="contentType">The request's Content-Type; when the manifest has a mediaType they must agree.</param>
    public static ParsedManifest Parse(ReadOnlyMemory<byte> content, string? contentType)
    {
        var declaredType = MediaTypes.Normalize(contentType);
        if (declaredType is not null && MediaTypes.IsSchema1(declaredType))
        {
            throw Schema1();
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content, Options);
        }
        catch (JsonException e)
        {
            throw Invalid($"The manifest is not valid JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("The manifest must be a JSON object.");
            }

            var bodyType = OptionalString(root, "mediaType");
            if ((bodyType is not null && MediaTypes.IsSchema1(bodyType)) || (root.TryGetProperty("schemaVersion", out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) && n == 1))
            {
                throw Schema1();
            }

            if (!root.TryGetProperty("schemaVersion", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var schemaVersion) || schemaVersion != 2)
            {
                throw Invalid("The manifest must have \"schemaVersion\": 2.");
            }

            if (bodyType is not null && declaredType is not null && bodyType != declaredType)
            {
                throw Invalid($"The Content-Type '{declaredType}' does not match the manifest's mediaType '{bodyType}'.");
            }

            var mediaType = bodyType ?? InferType(root, declaredType);
            if (!MediaTypes.IsImageManifest(mediaType) && !MediaTypes.IsIndex(mediaType))
            {
                throw Invalid($"Unsupported manifest media type '{mediaType}'.");
            }

            var subject = root.TryGetProperty("subject", out var s) && s.ValueKind != JsonValueKind.Null ? ParseDescriptor(s, "subject") : null;
            var artifactType = OptionalString(root, "artifactType");
            var annotations = ParseAnnotations(root, "annotations");
            if (MediaTypes.IsIndex(mediaType))
            {
                var children = ParseDescriptors(root, "manifests", required: true);
                return new ParsedManifest(mediaType, null, [], children, subject, artifactType, annotations);
            }

            if (!root.TryGetProperty("config", out var config))
            {
                throw Invalid("An image manifest must have a \"config\" descriptor.");
            }

            var layers = ParseDescriptors(root, "layers", required: mediaType == MediaTypes.DockerManifest);
            return new ParsedManifest(mediaType, ParseDescriptor(config, "config"), layers, [], subject, artifactType, annotations);
        }
    }

    /// <summary>The media type of a stored manifest, for Content-Type on reads; the JSON was validated when it was pushed.</summary>
    public static string DetectMediaType(ReadOnlySpan<byte> content)
    {
        var reader = new Utf8JsonReader(content, new JsonReaderOptions { MaxDepth = 64 });
        var hasManifests = false;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return MediaTypes.OciManifest;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isMediaType = reader.ValueTextEquals("mediaType"u8);
                hasManifests |= reader.ValueTextEquals("manifests"u8);
                reader.Read();
                if (isMediaType && reader.TokenType == JsonTokenType.String)
                {
                    return reader.GetString()!;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            return MediaTypes.OciManifest;
        }

        return hasManifests ? MediaTypes.OciIndex : MediaTypes.OciManifest;
    }

    private static string InferType(JsonElement root, string? declaredType)
    {
        if (declaredType is not null && (MediaTypes.IsImageManifest(declaredType) || MediaTypes.IsIndex(declaredType)))
        {
            return declaredType;
        }

        return root.TryGetProperty("manifests", out _) ? MediaTypes.OciIndex : MediaTypes.OciManifest;
    }

    private static List<Descriptor> ParseDescriptors(JsonElement root, string property, bool required)
    {
        if (!root.TryGetProperty(property, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return required ? throw Invalid($"The manifest must have a \"{property}\" array.") : [];
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw Invalid($"\"{property}\" must be an array.");
        }

        var list = new List<Descriptor>(array.GetArrayLength());
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            list.Add(ParseDescriptor(item, $"{property}[{index++}]"));
        }

        return list;
    }

    internal static Descriptor ParseDescriptor(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Invalid($"{where} must be a descriptor object.");
        }

        var mediaType = OptionalString(element, "mediaType");
        if (string.IsNullOrEmpty(mediaType))
        {
            throw Invalid($"{where} must have a \"mediaType\".");
        }

        var digestText = OptionalString(element, "digest");
        if (!Digest.TryParse(digestText, out var digest))
        {
            throw Invalid($"{where} has an invalid or unsupported digest '{digestText}'.");
        }

        if (!element.TryGetProperty("size", out var sizeElement) || sizeElement.ValueKind != JsonValueKind.Number || !sizeElement.TryGetInt64(out var size) || size < 0)
        {
            throw Invalid($"{where} must have a non-negative integer \"size\".");
        }

        return new Descriptor(mediaType, digest, size, OptionalString(element, "artifactType"), ParseAnnotations(element, $"{where}.annotations"));
    }

    private static Dictionary<string, string>? ParseAnnotations(JsonElement element, string where)
    {
        if (!element.TryGetProperty("annotations", out var annotations) || annotations.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (annotations.ValueKind != JsonValueKind.Object)
        {
            throw Invalid($"{where} must be an object of strings.");
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in annotations.EnumerateObject())
        {
            result[property.Name] = property.Value.ValueKind == JsonValueKind.String
                ? property.Value.GetString()!
                : throw Invalid($"{where}.{property.Name} must be a string.");
        }

        return result;
    }

    private static string? OptionalString(JsonElement element, string property)
    {
        if (!element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Invalid($"\"{property}\" must be a string.");
    }

    private static RegistryException Invalid(string message) => new(RegistryErrorCode.ManifestInvalid, message);

    private static RegistryException Schema1() =>
        new(RegistryErrorCode.ManifestInvalid, "Docker image manifest schema 1 is not supported; push a schema 2 or OCI manifest.");
}
