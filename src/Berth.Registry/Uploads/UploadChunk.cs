using System.IO.Pipelines;

namespace Berth.Registry.Uploads;

/// <summary>
/// Bytes a client sends to an upload. <paramref name="Start"/> is the first byte's offset when the client said it
/// (Content-Range), which must equal the bytes received so far; <paramref name="Length"/> is the exact byte count
/// when known (Content-Length or the range's size). The body is read as a pipe so that the transport's own buffers are
/// hashed and written where they lie, never copied.
/// </summary>
public sealed record UploadChunk(PipeReader Body, long? Start, long? Length);
