namespace Berth.Registry.Api.Routing;

internal enum RegistryRouteKind
{
    NotFound,
    Base,
    Catalog,
    TagsList,
    Manifest,
    Blob,
    UploadStart,
    Upload,
    Referrers,
}
