using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Berth.Registry.Api.Auth;

/// <summary>
/// A refusal in the spec's shape: 401 UNAUTHORIZED with a WWW-Authenticate challenge, or 403 DENIED,
/// with the error envelope {"errors":[{"code","message","detail"}]}.
/// </summary>
public sealed class AuthErrorResult : IResult
{
    private readonly int _status;
    private readonly RegistryErrorCode _code;
    private readonly string? _challenge;
    private readonly RegistryAccess _access;

    private AuthErrorResult(int status, RegistryErrorCode code, string? challenge, RegistryAccess access)
    {
        _status = status;
        _code = code;
        _challenge = challenge;
        _access = access;
    }

    public int StatusCode => _status;

    public string? Challenge => _challenge;

    public static AuthErrorResult Unauthorized(string challenge, RegistryAccess access) =>
        new(StatusCodes.Status401Unauthorized, RegistryErrorCode.Unauthorized, challenge, access);

    public static AuthErrorResult Denied(RegistryAccess access) =>
        new(StatusCodes.Status403Forbidden, RegistryErrorCode.Denied, null, access);

    /// <summary>A Bearer challenge per distribution's token.md; error is "invalid_token" or "insufficient_scope" when set.</summary>
    public static string BearerChallenge(string realm, string service, RegistryAccess access, string? error)
    {
        var challenge = $"Bearer realm=\"{realm}\",service=\"{service}\"";
        if (access.Scope is { } scope)
        {
            challenge += $",scope=\"{scope}\"";
        }

        return error is null ? challenge : challenge + $",error=\"{error}\"";
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = _status;
        response.Headers["Docker-Distribution-API-Version"] = "registry/2.0";
        if (_challenge is not null)
        {
            response.Headers.WWWAuthenticate = _challenge;
        }

        response.ContentType = "application/json";
        var detail = _access.Actions.Select(action => new Dictionary<string, string>
        {
            ["Type"] = _access.Type,
            ["Name"] = _access.Name,
            ["Action"] = action,
        }).ToArray();
        await using var writer = new Utf8JsonWriter(response.Body);
        writer.WriteStartObject();
        writer.WriteStartArray("errors");
        writer.WriteStartObject();
        writer.WriteString("code", _code.Code);
        writer.WriteString("message", _code.Message);
        writer.WriteStartArray("detail");
        foreach (var item in detail)
        {
            writer.WriteStartObject();
            foreach (var (key, value) in item)
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(httpContext.RequestAborted);
    }
}
