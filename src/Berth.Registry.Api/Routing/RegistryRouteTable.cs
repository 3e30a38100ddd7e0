using Microsoft.AspNetCore.Http;

namespace Berth.Registry.Api.Routing;

/// <summary>One /v2 route: resource and method, the bounded name it has in request metrics, the access it needs, and its handler.</summary>
internal sealed record RegistryRouteEntry(RegistryRouteKind Kind, string Method, string MetricsName, RouteAccess Access, Func<RegistryHandlers, RegistryRequest, Task> Handle);

/// <summary>
/// Every /v2 route, in one table: the dispatcher looks a request up here and runs the access guard with the row's
/// access before its handler, so no handler can forget its check. Rows of a kind are in the order of its Allow header.
/// </summary>
internal static class RegistryRouteTable
{
    public static IReadOnlyList<RegistryRouteEntry> Entries { get; } =
    [
        new(RegistryRouteKind.Base, HttpMethods.Get, "base", RouteAccess.Base, (_, r) => BaseEndpoint.AnswerAsync(r.Context)),
        new(RegistryRouteKind.Base, HttpMethods.Head, "base", RouteAccess.Base, (_, r) => BaseEndpoint.AnswerAsync(r.Context)),
        new(RegistryRouteKind.Catalog, HttpMethods.Get, "catalog", RouteAccess.Catalog, (h, r) => h.Listing.CatalogAsync(r.Context)),
        new(RegistryRouteKind.TagsList, HttpMethods.Get, "tags_list", RouteAccess.Pull, (h, r) => h.Listing.TagsAsync(r.Context, r.Repository)),
        new(RegistryRouteKind.Referrers, HttpMethods.Get, "referrers", RouteAccess.Pull, (h, r) => h.Listing.ReferrersAsync(r.Context, r.Repository, r.Argument)),
        new(RegistryRouteKind.Manifest, HttpMethods.Get, "manifest_get", RouteAccess.Pull, (h, r) => h.Manifests.GetAsync(r.Context, r.Repository, r.Argument)),
        new(RegistryRouteKind.Manifest, HttpMethods.Head, "manifest_head", RouteAccess.Pull, (h, r) => h.Manifests.GetAsync(r.Context, r.Repository, r.Argument)),
        new(RegistryRouteKind.Manifest, HttpMethods.Put, "manifest_put", RouteAccess.PullPush, (h, r) => h.Manifests.PutAsync(r.Context, r.Repository, r.Argument)),
        new(RegistryRouteKind.Manifest, HttpMethods.Delete, "manifest_delete", RouteAccess.Delete, (h, r) => h.Manifests.DeleteAsync(r.Context, r.Repository, r.Argument)),
        new(RegistryRouteKind.Blob, HttpMethods.Get, "blob_get", RouteAccess.Pull, (h, r) => h.Blobs.GetAsync(r.Context, r.Repository, r.Argument)),
        new(RegistryRouteKind.Blob, HttpMethods.Head, "blob_head", RouteAccess.Pull, (h, r) => h.Blobs.GetAsync(r.Context, r.Repository, r.Argument)),
        new(RegistryRouteKind.Blob, HttpMethods.Delete, "blob_delete", RouteAccess.Delete, (h, r) => h.Blobs.DeleteAsync(r.Context, r.Repository, r.Argument)),
        new(RegistryRouteKind.UploadStart, HttpMethods.Post, "upload_start", RouteAccess.PullPush, (h, r) => h.Uploads.StartAsync(r.Context, r.Repository)),
        new(RegistryRouteKind.Upload, HttpMethods.Get, "upload_status", RouteAccess.PullPush, (h, r) => h.Uploads.StatusAsync(r.Context, r.Repository, r.Argument)),
        new(RegistryRouteKind.Upload, HttpMethods.Patch, "upload_patch", RouteAccess.PullPush, (h, r) => h.Uploads.PatchAsync(r.Context, r.Repository, r.Argument)),
        new(RegistryRouteKind.Upload, HttpMethods.Put, "upload_put", RouteAccess.PullPush, (h, r) => h.Uploads.PutAsync(r.Context, r.Repository, r.Argument)),
        new(RegistryRouteKind.Upload, HttpMethods.Delete, "upload_cancel", RouteAccess.PullPush, (h, r) => h.Uploads.CancelAsync(r.Context, r.Repository, r.Argument)),
    ];

    /// <summary>The row for a resource and method, or null when the resource does not answer that method.</summary>
    public static RegistryRouteEntry? Find(RegistryRouteKind kind, string method)
    {
        foreach (var entry in Entries)
        {
            if (entry.Kind == kind && HttpMethods.Equals(entry.Method, method))
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>The Allow header of a resource: its rows' methods in table order.</summary>
    public static string AllowedMethods(RegistryRouteKind kind) =>
        string.Join(", ", Entries.Where(entry => entry.Kind == kind).Select(entry => entry.Method));

    /// <summary>The metrics name of a request: its row's, or a bounded name for an unknown path or an unsupported method.</summary>
    public static string MetricsName(RegistryRouteKind kind, string method) =>
        kind == RegistryRouteKind.NotFound ? "not_found"
        : Find(kind, method)?.MetricsName ?? kind.ToString().ToLowerInvariant() + "_unsupported";
}
