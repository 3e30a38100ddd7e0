using Microsoft.AspNetCore.Http;

namespace Berth.Registry.Api.Routing;

/// <summary>GET /v2/: the API version check clients make first; an empty JSON object once access is granted.</summary>
internal static class BaseEndpoint
{
    public static async Task AnswerAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = 2;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.Body.WriteAsync("{}"u8.ToArray(), context.RequestAborted);
        }
    }
}
