using System.Text.Json.Serialization;
using Berth.Registry.Policies;

namespace Berth.Registry.Api.Admin;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(NamespacePolicy))]
[JsonSerializable(typeof(PolicyListing))]
[JsonSerializable(typeof(RetentionRunResult))]
internal sealed partial class PolicyAdminJsonContext : JsonSerializerContext;
