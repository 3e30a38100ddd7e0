using System.Text.Json.Serialization;

namespace Berth.Client.Content;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OciManifest))]
[JsonSerializable(typeof(TagList))]
[JsonSerializable(typeof(Catalog))]
[JsonSerializable(typeof(ErrorEnvelope))]
[JsonSerializable(typeof(Auth.TokenResponse))]
internal sealed partial class OciJsonContext : JsonSerializerContext;
