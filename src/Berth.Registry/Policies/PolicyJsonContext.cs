using System.Text.Json.Serialization;

namespace Berth.Registry.Policies;

/// <summary>The JSON of namespace policies, in storage and in the admin API (camelCase, nulls omitted).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    WriteIndented = true)]
[JsonSerializable(typeof(NamespacePolicy))]
[JsonSerializable(typeof(IReadOnlyList<NamespacePolicy>))]
public sealed partial class PolicyJsonContext : JsonSerializerContext;
