using System.Globalization;
using System.Text.Json.Nodes;
using Berth.Registry;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;

namespace Berth.Index.Tokens;

/// <summary>The token service's answers: token JSON, OAuth2 errors, registry-style UNAUTHORIZED, and the JWKS.</summary>
internal static class TokenResults
{
    public static IResult Token(TokenResponse response, bool includeScope)
    {
        var body = new JsonObject
        {
            ["token"] = response.Access.Token,
            ["access_token"] = response.Access.Token,
            ["expires_in"] = response.Access.ExpiresIn,
            ["issued_at"] = response.Access.IssuedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        };
        if (response.Refresh is not null)
        {
            body["refresh_token"] = response.Refresh.Token;
        }

        if (includeScope)
        {
            body["scope"] = string.Join(' ', response.Granted);
        }

        return Results.Text(body.ToJsonString(), "application/json", statusCode: StatusCodes.Status200OK);
    }

    public static IResult OAuthError(int status, string error, string description) =>
        Results.Json(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description }, statusCode: status);

    public static IResult Unauthorized(string detail) => new RegistryErrorJson(StatusCodes.Status401Unauthorized, RegistryErrorCode.Unauthorized, detail, "Basic realm=\"berth\"", null);

    public static IResult TooManyRequests(TimeSpan retryAfter) =>
        new RegistryErrorJson(StatusCodes.Status429TooManyRequests, RegistryErrorCode.TooManyRequests, "too many failed logins", null, retryAfter);

    /// <summary>The LDAP directory could not be asked: not the client's fault, and retrying later may work.</summary>
    public static IResult DirectoryUnavailable() =>
        new RegistryErrorJson(StatusCodes.Status503ServiceUnavailable, RegistryErrorCode.Unavailable, "the account directory (LDAP) is unreachable; try again later or use a personal access token", null, null);

    public static IResult Jwks(IReadOnlyList<SigningKey> keys)
    {
        var array = new JsonArray();
        foreach (var key in keys)
        {
            var p = key.Key.ExportParameters(includePrivateParameters: false);
            array.Add(new JsonObject
            {
                ["kty"] = "EC",
                ["crv"] = "P-256",
                ["use"] = "sig",
                ["alg"] = SecurityAlgorithms.EcdsaSha256,
                ["kid"] = key.KeyId,
                ["x"] = Base64UrlEncoder.Encode(p.Q.X),
                ["y"] = Base64UrlEncoder.Encode(p.Q.Y),
            });
        }

        return Results.Text(new JsonObject { ["keys"] = array }.ToJsonString(), "application/json");
    }
}
