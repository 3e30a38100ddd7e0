using System.Text.Json.Serialization;

namespace Berth.Client.Auth;

/// <summary>The token endpoint's answer (Docker token spec): either field may carry the token.</summary>
internal sealed record TokenResponse(
    [property: JsonPropertyName("token")] string? Token,
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("expires_in")] int? ExpiresIn);
