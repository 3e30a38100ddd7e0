using System.Text.Json.Serialization;

namespace Berth.Registry.Api.Admin;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StorageListing))]
[JsonSerializable(typeof(QuotaRequest))]
[JsonSerializable(typeof(QuotaView))]
[JsonSerializable(typeof(GcRunListing))]
[JsonSerializable(typeof(GcRunRequest))]
[JsonSerializable(typeof(GcRunResult))]
internal sealed partial class AdminJsonContext : JsonSerializerContext;
