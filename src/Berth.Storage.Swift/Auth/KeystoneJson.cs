using System.Text.Json.Serialization;

namespace Berth.Storage.Swift.Auth;

internal sealed record KeystoneAuthRequest([property: JsonPropertyName("auth")] KeystoneAuth Auth);

internal sealed record KeystoneAuth(
    [property: JsonPropertyName("identity")] KeystoneIdentity Identity,
    [property: JsonPropertyName("scope")] KeystoneScope Scope);

internal sealed record KeystoneIdentity(
    [property: JsonPropertyName("methods")] string[] Methods,
    [property: JsonPropertyName("password")] KeystonePassword Password);

internal sealed record KeystonePassword([property: JsonPropertyName("user")] KeystoneUser User);

internal sealed record KeystoneUser(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("domain")] KeystoneNamed Domain,
    [property: JsonPropertyName("password")] string Password);

internal sealed record KeystoneNamed([property: JsonPropertyName("name")] string Name);

internal sealed record KeystoneScope([property: JsonPropertyName("project")] KeystoneProject Project);

internal sealed record KeystoneProject(
    [property: JsonPropertyName("id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Id,
    [property: JsonPropertyName("name"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name,
    [property: JsonPropertyName("domain"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] KeystoneNamed? Domain);

internal sealed record KeystoneTokenResponse([property: JsonPropertyName("token")] KeystoneToken? Token);

internal sealed record KeystoneToken(
    [property: JsonPropertyName("expires_at")] DateTimeOffset? ExpiresAt,
    [property: JsonPropertyName("catalog")] KeystoneService[]? Catalog);

internal sealed record KeystoneService(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("endpoints")] KeystoneEndpoint[]? Endpoints);

internal sealed record KeystoneEndpoint(
    [property: JsonPropertyName("interface")] string? Interface,
    [property: JsonPropertyName("region")] string? Region,
    [property: JsonPropertyName("region_id")] string? RegionId,
    [property: JsonPropertyName("url")] string? Url);
