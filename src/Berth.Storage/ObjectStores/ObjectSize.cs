using System.Globalization;
using System.Net.Http.Headers;

namespace Berth.Storage.ObjectStores;

/// <summary>
/// An object's whole size from the headers of the GET that reads it: Content-Length for a whole read, the total of
/// Content-Range for a ranged one (206), so <see cref="IStorageDriver.OpenReadAsync"/> needs no stat beside the read.
/// </summary>
public static class ObjectSize
{
    public static long FromHeaders(string path, bool partial, long? contentLength, ContentRangeHeaderValue? contentRange) =>
        Require(path, partial, partial ? contentRange?.Length : contentLength);

    /// <summary>
    /// For SDKs that hand Content-Range over as text ("bytes 10-99/100"). Only the total is read: Azurite answers a
    /// range from the end of an object with "bytes 1000-999/1000", which no range parser accepts.
    /// </summary>
    public static long FromHeaders(string path, bool partial, long? contentLength, string? contentRange) =>
        Require(path, partial, partial ? Total(contentRange) : contentLength);

    private static long? Total(string? contentRange) =>
        contentRange is { } text && text.LastIndexOf('/') is var slash and >= 0
            && long.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var total)
            ? total
            : null;

    private static long Require(string path, bool partial, long? size) =>
        size ?? throw new IOException($"The store's answer to a read of {path} carried no {(partial ? "total size in Content-Range" : "Content-Length")}.");
}
