using System.Globalization;
using System.Text.Json.Nodes;
using Berth.Registry;
using Microsoft.AspNetCore.Http;

namespace Berth.Index.Tokens;

/// <summary>An error in the registry's envelope, as clients print it: {"errors":[{"code","message","detail"}]}.</summary>
internal sealed class RegistryErrorJson(int status, RegistryErrorCode code, string detail, string? challenge, TimeSpan? retryAfter) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = status;
        if (challenge is not null)
        {
            response.Headers.WWWAuthenticate = challenge;
        }

        if (retryAfter is { } retry)
        {
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        var body = new JsonObject
        {
            ["errors"] = new JsonArray(new JsonObject { ["code"] = code.Code, ["message"] = code.Message, ["detail"] = detail }),
        };
        response.ContentType = "application/json";
        await response.WriteAsync(body.ToJsonString(), httpContext.RequestAborted);
    }
}
