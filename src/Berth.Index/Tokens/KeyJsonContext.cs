using System.Text.Json.Serialization;

namespace Berth.Index.Tokens;

[JsonSerializable(typeof(StoredKey))]
[JsonSourceGenerationOptions(WriteIndented = true)]
internal sealed partial class KeyJsonContext : JsonSerializerContext;
