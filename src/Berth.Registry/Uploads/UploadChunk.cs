namespace Berth.Registry.Uploads;

/// <summary>
/// Bytes a client sends to an upload. <paramref name="Start"/> is the first byte's offset when the client said it
/// (Content-Range), which must equal the bytes received so far; <paramref name="Length"/> is the exact byte count
/// when known (Content-Length or the range's size).
/// </summary>
public sealed record UploadChunk(Stream Body, long? Start, long? Length);
