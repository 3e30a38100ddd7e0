using Berth.Index.Api;
using Berth.Index.Authentication;
using Berth.Registry.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Berth.Index.Sites;

/// <summary>
/// Registries running apart: their signed event batches (POST /api/v1/registry-events), and for administrators their
/// registration, status and resynchronisation.
/// </summary>
internal static class RegistryEndpoints
{
    /// <summary>Larger than any batch a registry sends (1000 events of about 1 KiB).</summary>
    public const int MaxBatchBytes = 8 * 1024 * 1024;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/" + IndexEventsOptions.Path["api/v1/".Length..], ReceiveAsync).WithName("ReceiveRegistryEvents").DisableAntiforgery()
            .WithSummary("A registered registry's event batch, signed with its secret (X-Berth-Registry, X-Berth-Signature).");
        var admin = api.MapGroup("/registries").RequireAuthorization(p => p.RequireRole(IndexClaims.AdminRole));
        admin.MapGet("/", (RegistryStatusQueries status, CancellationToken ct) => status.ListAsync(ct)).WithName("ListRegistries")
            .WithSummary("The registered registries: reachable, last event, lag, last resync (administrators).");
        admin.MapPost("/", AddAsync).WithName("AddRegistry").AddEndpointFilter<AntiforgeryForCookies>()
            .WithSummary("Registers a registry; the answer carries its event secret, shown once (administrators).");
        admin.MapDelete("/{name}", RemoveAsync).WithName("RemoveRegistry").AddEndpointFilter<AntiforgeryForCookies>()
            .WithSummary("Removes a registry's registration (administrators).");
        admin.MapPost("/{name}/resync", ResyncAsync).WithName("ResyncRegistry").AddEndpointFilter<AntiforgeryForCookies>()
            .WithSummary("Resynchronises a registry from its catalog and tags, or one repository of it with ?repository= (administrators).");
    }

    private static async Task<IResult> ReceiveAsync(HttpContext context, RegistryEventReceiver receiver, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(RegistryEndpoints));
        var registry = context.Request.Headers[IndexEventsOptions.RegistryHeader].ToString() is { Length: > 0 } name ? name : null;
        if (context.Request.ContentLength > MaxBatchBytes)
        {
            return ApiResults.Problem(StatusCodes.Status413PayloadTooLarge, $"An event batch may have at most {MaxBatchBytes} bytes.");
        }

        var body = await ReadBodyAsync(context.Request, cancellationToken);
        if (body is null)
        {
            return ApiResults.Problem(StatusCodes.Status413PayloadTooLarge, $"An event batch may have at most {MaxBatchBytes} bytes.");
        }

        try
        {
            var (outcome, _) = await receiver.ReceiveAsync(registry, body, context.Request.Headers[NotificationSigner.HeaderName].ToString(), cancellationToken);
            switch (outcome)
            {
                case RegistryEventOutcome.UnknownRegistry:
                    Log.EventsRefused(logger, "unknown registry", registry);
                    return ApiResults.Problem(StatusCodes.Status401Unauthorized, $"No registry is registered as '{registry}' (berth registry add).");
                case RegistryEventOutcome.BadSignature:
                    Log.EventsRefused(logger, "bad signature", registry);
                    return ApiResults.Problem(StatusCodes.Status401Unauthorized, $"The signature does not match registry '{registry}''s secret.");
                default:
                    return TypedResults.NoContent();
            }
        }
        catch (FormatException e)
        {
            return ApiResults.Problem(StatusCodes.Status400BadRequest, "Not an event envelope: " + e.Message);
        }
        catch (Exception e) when (e is HttpRequestException or Client.RegistryClientException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The registry did not answer while its manifests were read: it keeps the batch and sends it again.
            Log.EventsFailed(logger, e, registry ?? string.Empty);
            return ApiResults.Problem(StatusCodes.Status503ServiceUnavailable, "The registry's content could not be read; send the batch again later.");
        }
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBatchBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static Task<IResult> AddAsync(RegistrySites sites, RegistryRegistration body, CancellationToken cancellationToken) =>
        ApiResults.GuardAsync(async () =>
        {
            var record = await sites.AddAsync(body.Name, body.Url, body.Secret, body.PullHost, cancellationToken);
            return TypedResults.Created($"/api/v1/registries/{record.Name}", new RegisteredRegistry(record.Name, record.Url, record.PullHost, record.EventSecret));
        });

    private static async Task<IResult> RemoveAsync(RegistrySites sites, string name, CancellationToken cancellationToken) =>
        await sites.RemoveAsync(name, cancellationToken) ? TypedResults.NoContent() : ApiResults.NotFound($"Registry '{name}'");

    private static async Task<IResult> ResyncAsync(RegistryResync resync, string name, string? repository, CancellationToken cancellationToken)
    {
        try
        {
            return await resync.RunAsync(name, repository, cancellationToken) is { } result
                ? TypedResults.Ok(result)
                : ApiResults.NotFound($"Registry '{name}'");
        }
        catch (Exception e) when (e is HttpRequestException or Client.RegistryClientException)
        {
            return ApiResults.Problem(StatusCodes.Status502BadGateway, $"Registry '{name}' could not be read: {e.Message}");
        }
    }
}
