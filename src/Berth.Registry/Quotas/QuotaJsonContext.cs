using System.Text.Json.Serialization;

namespace Berth.Registry.Quotas;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(NamespaceQuota))]
internal sealed partial class QuotaJsonContext : JsonSerializerContext;
