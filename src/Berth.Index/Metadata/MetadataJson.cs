using System.Text.Json;

namespace Berth.Index.Metadata;

/// <summary>Reads and writes the JSON columns (layers, children, platforms, labels); a malformed column reads as empty.</summary>
internal static class MetadataJson
{
    private static readonly JsonSerializerOptions s_options = new(JsonSerializerDefaults.Web);

    public static string? Write<T>(T? value)
        where T : class => value is null ? null : JsonSerializer.Serialize(value, s_options);

    public static IReadOnlyList<StoredDescriptor> Descriptors(string? json) => Read<List<StoredDescriptor>>(json) ?? [];

    public static IReadOnlyList<string> Strings(string? json) => Read<List<string>>(json) ?? [];

    public static IReadOnlyDictionary<string, string> Labels(string? json) => Read<Dictionary<string, string>>(json) ?? [];

    private static T? Read<T>(string? json)
        where T : class
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(json, s_options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
