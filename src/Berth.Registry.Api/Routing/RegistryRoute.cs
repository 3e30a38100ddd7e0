namespace Berth.Registry.Api.Routing;

/// <summary>
/// A /v2 path taken apart: which resource, the repository name as written (not yet validated) and the last
/// segment (reference, digest or upload id).
/// </summary>
internal sealed record RegistryRoute(RegistryRouteKind Kind, string Name = "", string Argument = "")
{
    public static readonly RegistryRoute NotFound = new(RegistryRouteKind.NotFound);

    /// <summary>
    /// Parses the path after "/v2/". Repository names contain '/', so the resource is recognised from the end:
    /// &lt;name&gt;/tags/list, &lt;name&gt;/manifests/&lt;ref&gt;, &lt;name&gt;/blobs/uploads/[&lt;id&gt;],
    /// &lt;name&gt;/blobs/&lt;digest&gt;, &lt;name&gt;/referrers/&lt;digest&gt;, and _catalog.
    /// </summary>
    public static RegistryRoute Parse(string rest)
    {
        if (rest.Length == 0)
        {
            return new RegistryRoute(RegistryRouteKind.Base);
        }

        if (rest == "_catalog")
        {
            return new RegistryRoute(RegistryRouteKind.Catalog);
        }

        if (rest.EndsWith("/blobs/uploads/", StringComparison.Ordinal) || rest.EndsWith("/blobs/uploads", StringComparison.Ordinal))
        {
            var name = rest[..rest.LastIndexOf("/blobs/uploads", StringComparison.Ordinal)];
            return Named(RegistryRouteKind.UploadStart, name, string.Empty);
        }

        var lastSlash = rest.LastIndexOf('/');
        if (lastSlash <= 0)
        {
            return NotFound;
        }

        var argument = rest[(lastSlash + 1)..];
        var head = rest[..lastSlash];
        if (argument == "list" && head.EndsWith("/tags", StringComparison.Ordinal))
        {
            return Named(RegistryRouteKind.TagsList, head[..^"/tags".Length], string.Empty);
        }

        var kindSlash = head.LastIndexOf('/');
        if (kindSlash <= 0 || argument.Length == 0)
        {
            return NotFound;
        }

        var name2 = head[..kindSlash];
        return head[(kindSlash + 1)..] switch
        {
            "manifests" => Named(RegistryRouteKind.Manifest, name2, argument),
            "blobs" => Named(RegistryRouteKind.Blob, name2, argument),
            "referrers" => Named(RegistryRouteKind.Referrers, name2, argument),
            "uploads" when name2.EndsWith("/blobs", StringComparison.Ordinal) && name2.Length > "/blobs".Length =>
                Named(RegistryRouteKind.Upload, name2[..^"/blobs".Length], argument),
            _ => NotFound,
        };
    }

    private static RegistryRoute Named(RegistryRouteKind kind, string name, string argument) =>
        name.Length == 0 ? NotFound : new RegistryRoute(kind, name, argument);
}
