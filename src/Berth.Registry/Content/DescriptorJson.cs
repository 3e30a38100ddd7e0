using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Berth.Registry.Manifests;

namespace Berth.Registry.Content;

/// <summary>Descriptors in the JSON form of the OCI image spec, as stored in referrer links and listed in indexes.</summary>
public static class DescriptorJson
{
    /// <summary>
    /// Media types are full of '+', which the default encoder writes as \u002B; these documents are never embedded
    /// in HTML, so write them as clients expect to read them.
    /// </summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(Utf8JsonWriter writer, Descriptor descriptor)
    {
        writer.WriteStartObject();
        writer.WriteString("mediaType", descriptor.MediaType);
        writer.WriteString("digest", descriptor.Digest.ToString());
        writer.WriteNumber("size", descriptor.Size);
        if (!string.IsNullOrEmpty(descriptor.ArtifactType))
        {
            writer.WriteString("artifactType", descriptor.ArtifactType);
        }

        if (descriptor.Annotations is { Count: > 0 } annotations)
        {
            writer.WriteStartObject("annotations");
            foreach (var (key, value) in annotations)
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    public static byte[] Serialize(Descriptor descriptor)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, descriptor);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a stored descriptor; null when it is not a valid one (a torn or foreign file is skipped, not fatal).</summary>
    public static Descriptor? TryParse(ReadOnlyMemory<byte> content)
    {
        try
        {
            using var document = JsonDocument.Parse(content);
            return ManifestParser.ParseDescriptor(document.RootElement, "descriptor");
        }
        catch (Exception e) when (e is JsonException or RegistryException)
        {
            return null;
        }
    }
}
