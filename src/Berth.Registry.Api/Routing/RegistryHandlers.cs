using Berth.Registry.Api.Blobs;
using Berth.Registry.Api.Listing;
using Berth.Registry.Api.Manifests;
using Berth.Registry.Api.Uploads;

namespace Berth.Registry.Api.Routing;

/// <summary>The endpoint classes the route table's handlers call.</summary>
internal sealed record RegistryHandlers(BlobEndpoints Blobs, UploadEndpoints Uploads, ManifestEndpoints Manifests, ListingEndpoints Listing);
