using Berth.Registry.Api.Auth;
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
/// The single /v2 endpoint: parses the path (repository names contain '/'), validates the name, picks the handler by
/// resource and method, tags request metrics with a bounded route name, and turns every failure into the spec's error.
/// </summary>
public sealed class RegistryDispatcher(
    BlobEndpoints blobEndpoints,
    UploadEndpoints uploadEndpoints,
    ManifestEndpoints manifestEndpoints,
    ListingEndpoints listingEndpoints,
    RequestGuard guard,
    ILogger<RegistryDispatcher> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        context.Response.Headers[RegistryHeaders.ApiVersion] = RegistryHeaders.ApiVersionValue;
        var path = context.Request.Path.Value ?? string.Empty;
        var route = RegistryRoute.Parse(path.Length > 4 ? path[4..] : string.Empty);
        var method = context.Request.Method;
        var routeName = RouteName(route.Kind, method);
        context.Features.Get<IHttpMetricsTagsFeature>()?.Tags.Add(new KeyValuePair<string, object?>("berth.route", routeName));

        try
        {
            await DispatchAsync(context, route, method, routeName);
        }
        catch (RegistryException e) when (!context.Response.HasStarted)
        {
            await RegistryErrorWriter.WriteAsync(context, e);
        }
        catch (StorageNotFoundException e) when (!context.Response.HasStarted && route.Kind == RegistryRouteKind.Blob)
        {
            await RegistryErrorWriter.WriteAsync(context, new RegistryException(RegistryErrorCode.BlobUnknown, "The blob's content is gone.", null));
            Log.FailedAfterStart(logger, method, path, e);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            context.Abort();
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            await RegistryErrorWriter.WriteAsync(context, new RegistryException(RegistryErrorCode.BlobUploadInvalid, e.Message, null, e.StatusCode));
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

    private Task DispatchAsync(HttpContext context, RegistryRoute route, string method, string routeName)
    {
        if (route.Kind == RegistryRouteKind.NotFound)
        {
            throw new RegistryException(RegistryErrorCode.NameUnknown, "No registry API at this path.", null, StatusCodes.Status404NotFound);
        }

        if (routeName.EndsWith("_unsupported", StringComparison.Ordinal))
        {
            context.Response.Headers.Allow = AllowedMethods(route.Kind);
            throw new RegistryException(RegistryErrorCode.Unsupported, $"{method} is not supported here; allowed: {AllowedMethods(route.Kind)}.");
        }

        if (route.Kind == RegistryRouteKind.Base)
        {
            return BaseAsync(context);
        }

        if (route.Kind == RegistryRouteKind.Catalog)
        {
            return listingEndpoints.CatalogAsync(context);
        }

        var name = RepositoryName.Parse(route.Name);
        var argument = route.Argument;
        return routeName switch
        {
            "tags_list" => listingEndpoints.TagsAsync(context, name),
            "referrers" => listingEndpoints.ReferrersAsync(context, name, argument),
            "manifest_get" or "manifest_head" => manifestEndpoints.GetAsync(context, name, argument),
            "manifest_put" => manifestEndpoints.PutAsync(context, name, argument),
            "manifest_delete" => manifestEndpoints.DeleteAsync(context, name, argument),
            "blob_get" or "blob_head" => blobEndpoints.GetAsync(context, name, argument),
            "blob_delete" => blobEndpoints.DeleteAsync(context, name, argument),
            "upload_start" => uploadEndpoints.StartAsync(context, name),
            "upload_patch" => uploadEndpoints.PatchAsync(context, name, argument),
            "upload_put" => uploadEndpoints.PutAsync(context, name, argument),
            "upload_status" => uploadEndpoints.StatusAsync(context, name, argument),
            "upload_cancel" => uploadEndpoints.CancelAsync(context, name, argument),
            _ => throw new InvalidOperationException($"No handler for route {routeName}."),
        };
    }

    private async Task BaseAsync(HttpContext context)
    {
        if (!await guard.AllowAsync(context, RegistryAccess.Base))
        {
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = 2;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.Body.WriteAsync("{}"u8.ToArray(), context.RequestAborted);
        }
    }

    /// <summary>A name per resource and method, so request metrics have a bounded set of route values.</summary>
    internal static string RouteName(RegistryRouteKind kind, string method)
    {
        var get = HttpMethods.IsGet(method);
        var head = HttpMethods.IsHead(method);
        return kind switch
        {
            RegistryRouteKind.NotFound => "not_found",
            RegistryRouteKind.Base when get || head => "base",
            RegistryRouteKind.Catalog when get => "catalog",
            RegistryRouteKind.TagsList when get => "tags_list",
            RegistryRouteKind.Referrers when get => "referrers",
            RegistryRouteKind.Manifest when get => "manifest_get",
            RegistryRouteKind.Manifest when head => "manifest_head",
            RegistryRouteKind.Manifest when HttpMethods.IsPut(method) => "manifest_put",
            RegistryRouteKind.Manifest when HttpMethods.IsDelete(method) => "manifest_delete",
            RegistryRouteKind.Blob when get => "blob_get",
            RegistryRouteKind.Blob when head => "blob_head",
            RegistryRouteKind.Blob when HttpMethods.IsDelete(method) => "blob_delete",
            RegistryRouteKind.UploadStart when HttpMethods.IsPost(method) => "upload_start",
            RegistryRouteKind.Upload when HttpMethods.IsPatch(method) => "upload_patch",
            RegistryRouteKind.Upload when HttpMethods.IsPut(method) => "upload_put",
            RegistryRouteKind.Upload when get => "upload_status",
            RegistryRouteKind.Upload when HttpMethods.IsDelete(method) => "upload_cancel",
            _ => kind.ToString().ToLowerInvariant() + "_unsupported",
        };
    }

    private static string AllowedMethods(RegistryRouteKind kind) => kind switch
    {
        RegistryRouteKind.Base => "GET, HEAD",
        RegistryRouteKind.Catalog or RegistryRouteKind.TagsList or RegistryRouteKind.Referrers => "GET",
        RegistryRouteKind.Manifest => "GET, HEAD, PUT, DELETE",
        RegistryRouteKind.Blob => "GET, HEAD, DELETE",
        RegistryRouteKind.UploadStart => "POST",
        RegistryRouteKind.Upload => "GET, PATCH, PUT, DELETE",
        _ => string.Empty,
    };
}
