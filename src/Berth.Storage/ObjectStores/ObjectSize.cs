using System.Net.Http.Headers;

namespace Berth.Storage.ObjectStores;

/// <summary>
/// An object's whole size from the headers of the GET that reads it: Content-Length for a whole read, the total of
/// Content-Range for a ranged one (206), so <see cref="IStorageDriver.OpenReadAsync"/> needs no stat beside the read.
/// </summary>
public static class ObjectSize
{
    public static long FromHeaders(string path, bool partial, long? contentLength, ContentRangeHeaderValue? contentRange) =>
        (partial ? contentRange?.Length : contentLength)
        ?? throw new IOException($"The store's answer to a read of {path} carried no {(partial ? "total size in Content-Range" : "Content-Length")}.");

    /// <summary>For SDKs that hand Content-Range over as text ("bytes 10-99/100").</summary>
    public static long FromHeaders(string path, bool partial, long? contentLength, string? contentRange) =>
        FromHeaders(path, partial, contentLength, ContentRangeHeaderValue.TryParse(contentRange, out var range) ? range : null);
}
