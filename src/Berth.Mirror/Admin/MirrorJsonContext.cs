using System.Text.Json.Serialization;

namespace Berth.Mirror.Admin;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CacheListing))]
[JsonSerializable(typeof(CachedRepository))]
[JsonSerializable(typeof(Eviction))]
internal sealed partial class MirrorJsonContext : JsonSerializerContext;
