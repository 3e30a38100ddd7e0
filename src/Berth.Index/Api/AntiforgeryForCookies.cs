using Berth.Index.Authentication;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace Berth.Index.Api;

/// <summary>
/// Mutations authenticated by the UI's cookie must carry an antiforgery token (header X-CSRF-TOKEN, from
/// GET /api/v1/antiforgery); Basic and Bearer callers send their credentials themselves and cannot be forged.
/// </summary>
internal sealed class AntiforgeryForCookies(IAntiforgery antiforgery) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (IndexClaims.IsCookieAuthenticated(http.User) && !await antiforgery.IsRequestValidAsync(http))
        {
            return ApiResults.Problem(StatusCodes.Status400BadRequest, "A cookie-authenticated change needs a valid antiforgery token in the X-CSRF-TOKEN header.");
        }

        return await next(context);
    }
}
