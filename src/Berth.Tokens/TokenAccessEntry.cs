using System.Text.Json.Serialization;

namespace Berth.Tokens;

/// <summary>One entry of a token's "access" claim (and of a requested scope): a resource and the actions on it.</summary>
public sealed record TokenAccessEntry(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("actions")] IReadOnlyList<string> Actions)
{
    /// <summary>The JWT claim that carries the granted entries.</summary>
    public const string ClaimName = "access";

    /// <summary>Berth's claim listing requested actions the index refused, so the registry can answer DENIED.</summary>
    public const string RefusedClaimName = "berth_refused";

    public bool Covers(string action) => Actions.Contains(action, StringComparer.Ordinal) || Actions.Contains("*", StringComparer.Ordinal);

    /// <summary>The scope string, as in repository:library/alpine:pull,push.</summary>
    public override string ToString() => $"{Type}:{Name}:{string.Join(',', Actions)}";
}
