using System.Text.Json.Serialization;

namespace Berth.Tokens;

/// <summary>Source-generated JSON for the access claim.</summary>
[JsonSerializable(typeof(List<TokenAccessEntry>))]
internal sealed partial class TokenJsonContext : JsonSerializerContext;
