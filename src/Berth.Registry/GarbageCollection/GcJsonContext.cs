using System.Text.Json.Serialization;

namespace Berth.Registry.GarbageCollection;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GcRunRecord))]
internal sealed partial class GcJsonContext : JsonSerializerContext;
