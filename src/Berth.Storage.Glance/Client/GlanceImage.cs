using System.Text.Json;

namespace Berth.Storage.Glance.Client;

/// <summary>The parts of an image record (GET /v2/images/{id}) the driver reads; custom properties are top-level keys.</summary>
internal sealed record GlanceImage(
    string Id,
    string Status,
    long Size,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? HashAlgorithm,
    string? HashValue,
    string? Kind,
    string? Path,
    string? Stamp,
    string? Segment)
{
    public bool IsActive => Status == "active";

    public static GlanceImage Parse(JsonElement image) => new(
        image.GetProperty("id").GetString()!,
        image.GetProperty("status").GetString()!,
        image.TryGetProperty("size", out var size) && size.ValueKind == JsonValueKind.Number ? size.GetInt64() : 0,
        image.GetProperty("created_at").GetDateTimeOffset(),
        image.GetProperty("updated_at").GetDateTimeOffset(),
        Text(image, "os_hash_algo"),
        Text(image, "os_hash_value"),
        Text(image, GlanceProperties.Kind),
        Text(image, GlanceProperties.Path),
        Text(image, GlanceProperties.Stamp),
        Text(image, GlanceProperties.Segment));

    /// <summary>
    /// Checks what Glance stored against what was sent: the size, and the SHA-256 when Glance hashes with it
    /// (hashing_algorithm = sha256; Glance's default sha512 leaves the size alone to compare).
    /// </summary>
    public void Verify(string path, long length, string sha256)
    {
        if (Size != length || (HashAlgorithm == "sha256" && !string.Equals(HashValue, sha256, StringComparison.OrdinalIgnoreCase)))
        {
            throw new IOException($"Glance image {Id} of {path} holds {Size} bytes with {HashAlgorithm} {HashValue}, but {length} bytes with sha256 {sha256} were sent.");
        }
    }

    private static string? Text(JsonElement image, string name) =>
        image.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
