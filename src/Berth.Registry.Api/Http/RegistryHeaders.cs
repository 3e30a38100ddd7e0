namespace Berth.Registry.Api.Http;

/// <summary>Header names of the distribution API that ASP.NET Core does not define.</summary>
internal static class RegistryHeaders
{
    public const string ApiVersion = "Docker-Distribution-API-Version";
    public const string ApiVersionValue = "registry/2.0";
    public const string ContentDigest = "Docker-Content-Digest";
    public const string UploadUuid = "Docker-Upload-UUID";
    public const string UploadSessionId = "Blob-Upload-Session-ID";
    public const string ChunkMinLength = "OCI-Chunk-Min-Length";
    public const string Subject = "OCI-Subject";
    public const string Tag = "OCI-Tag";
    public const string FiltersApplied = "OCI-Filters-Applied";
}
