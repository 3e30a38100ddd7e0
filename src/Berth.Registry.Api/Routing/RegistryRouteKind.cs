namespace Berth.Registry.Api.Routing;

public enum RegistryRouteKind
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
