using Berth.Registry.Api.Blobs;
using Berth.Registry.Api.Errors;
using Berth.Registry.Api.Http;
using Berth.Registry.Api.Listing;
using Berth.Registry.Api.Manifests;
using Berth.Registry.Api.Uploads;
using Berth.Registry.Names;
using Berth.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Berth.Registry.Api.Routing;

/// <summary>
/// The single /v2 endpoint: parses the path (repository names contain '/'), validates the name, picks the row of
/// <see cref="RegistryRouteTable"/> by resource and method, runs the access guard with the row's access before its
/// handler, tags request metrics with a bounded route name, and turns every failure into the spec's error.
/// </summary>
internal sealed class RegistryDispatcher(
    BlobEndpoints blobEndpoints,
    UploadEndpoints uploadEndpoints,
    ManifestEndpoints manifestEndpoints,
    ListingEndpoints listingEndpoints,
    RequestGuard guard,
    ILogger<RegistryDispatcher> logger)
{
    private readonly RegistryHandlers handlers = new(blobEndpoints, uploadEndpoints, manifestEndpoints, listingEndpoints);

    public async Task HandleAsync(HttpContext context)
    {
        context.Response.Headers[RegistryHeaders.ApiVersion] = RegistryHeaders.ApiVersionValue;
        var path = context.Request.Path.Value ?? string.Empty;
        var route = RegistryRoute.Parse(path.Length > 4 ? path[4..] : string.Empty);
        var method = context.Request.Method;
        var routeName = RegistryRouteTable.MetricsName(route.Kind, method);
        context.Features.Get<IHttpMetricsTagsFeature>()?.Tags.Add(new KeyValuePair<string, object?>("berth.route", routeName));

        try
        {
            await DispatchAsync(context, route, method);
        }
        catch (RegistryException e) when (!context.Response.HasStarted)
        {
            await RegistryErrorWriter.WriteAsync(context, e);
        }
        catch (StorageNotFoundException e) when (!context.Response.HasStarted && route.Kind == RegistryRouteKind.Blob)
        {
            // The blob's headers (digest, length, a year of caching) were set for content that turned out to be gone.
            context.Response.Headers.Clear();
            context.Response.Headers[RegistryHeaders.ApiVersion] = RegistryHeaders.ApiVersionValue;
            await RegistryErrorWriter.WriteAsync(context, new RegistryException(RegistryErrorCode.BlobUnknown, "The blob's content is gone.", null));
            Log.FailedAfterStart(logger, method, path, e);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            context.Abort();
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            await RegistryErrorWriter.WriteAsync(context, new RegistryException(RegistryErrorCode.BlobUploadInvalid, e.Message), e.StatusCode);
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            Log.Unhandled(logger, method, path, e);
            context.Response.Headers.Clear();
            context.Response.Headers[RegistryHeaders.ApiVersion] = RegistryHeaders.ApiVersionValue;
            await RegistryErrorWriter.WriteAsync(context, new RegistryException(RegistryErrorCode.Unknown, "An unexpected error occurred; see the server log.", null));
        }
        catch (Exception e)
        {
            Log.FailedAfterStart(logger, method, path, e);
            context.Abort();
        }
    }

    private async Task DispatchAsync(HttpContext context, RegistryRoute route, string method)
    {
        if (route.Kind == RegistryRouteKind.NotFound)
        {
            throw new RegistryException(RegistryErrorCode.NameUnknown, "No registry API at this path.");
        }

        if (RegistryRouteTable.Find(route.Kind, method) is not { } entry)
        {
            var allowed = RegistryRouteTable.AllowedMethods(route.Kind);
            context.Response.Headers.Allow = allowed;
            throw new RegistryException(RegistryErrorCode.Unsupported, $"{method} is not supported here; allowed: {allowed}.");
        }

        var name = route.Kind is RegistryRouteKind.Base or RegistryRouteKind.Catalog ? null : RepositoryName.Parse(route.Name);
        if (await guard.AllowAsync(context, entry.Access.For(name)))
        {
            await entry.Handle(handlers, new RegistryRequest(context, name, route.Argument));
        }
    }
}
