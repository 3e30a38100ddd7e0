using System.Globalization;
using System.Text.Json;
using Berth.Registry;
using Berth.Registry.Api.Errors;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Berth.Hosting.BodyLimits;

/// <summary>
/// Bounds the body of every request outside /v2 (the JSON APIs, /token, admin, web forms): Kestrel's own limit is off
/// so that blob uploads can stream without end, which would otherwise let one JSON request fill the memory of a node.
/// A body over the limit is answered 413 with the error body of the API it was sent to: the OCI error envelope for the
/// registry's admin and mirror APIs, the OAuth error for /token, problem details for the index API.
/// </summary>
internal sealed class ApiBodyLimitMiddleware(RequestDelegate next, IOptions<BerthOptions> options)
{
    private readonly long _limit = options.Value.MaxApiBodyBytes;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/v2", StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        if (context.Request.ContentLength > _limit)
        {
            await WriteTooLargeAsync(context);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = _limit;
        }

        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            await WriteTooLargeAsync(context);
            return;
        }

        // Minimal APIs answer an oversized JSON body themselves, with a bare 413; give it the API's error body.
        if (context.Response.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            await WriteTooLargeAsync(context);
        }
    }

    private Task WriteTooLargeAsync(HttpContext context)
    {
        var message = string.Create(CultureInfo.InvariantCulture, $"The request body is larger than {_limit} bytes (Berth:MaxApiBodyBytes).");
        var path = context.Request.Path;
        var (contentType, body) = path.StartsWithSegments("/token", StringComparison.Ordinal)
            ? ("application/json; charset=utf-8", JsonSerializer.SerializeToUtf8Bytes(
                new Dictionary<string, string> { ["error"] = "invalid_request", ["error_description"] = message }))
            : path.StartsWithSegments("/api/v1/admin", StringComparison.Ordinal) || path.StartsWithSegments("/api/v1/mirror", StringComparison.Ordinal)
                ? ("application/json; charset=utf-8", RegistryErrorWriter.Serialize(RegistryErrorCode.SizeInvalid.Code, message, new { limit = _limit }))
                : ("application/problem+json", JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
                {
                    ["type"] = "https://tools.ietf.org/html/rfc9110#section-15.5.14",
                    ["title"] = "Content Too Large",
                    ["status"] = StatusCodes.Status413PayloadTooLarge,
                    ["detail"] = message,
                }));
        var response = context.Response;
        response.Clear();
        response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        response.Headers.Connection = "close";
        return response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}
