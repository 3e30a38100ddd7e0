using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Berth.Storage.ObjectStores;
using Google;
using Google.Cloud.Storage.V1;
using Microsoft.Extensions.Logging;

namespace Berth.Storage.Gcs;

/// <summary>
/// The bucket as the driver and its writers use it: the client library for metadata, listings, small uploads and
/// rewrites, and plain HTTP over the client's authenticated HttpClient for what the library only offers push-style
/// (streamed ranged reads) or as a whole-stream upload (resumable sessions fed chunk by chunk).
/// </summary>
internal sealed class GcsStore(StorageClient client, string bucket, ObjectKeyMap keys, int chunkSize, ILogger logger)
{
    public StorageClient Client => client;

    public string Bucket => bucket;

    public ObjectKeyMap Keys => keys;

    public int ChunkSize => chunkSize;

    public ILogger Logger => logger;

    public static bool IsNotFound(GoogleApiException e) => e.HttpStatusCode == HttpStatusCode.NotFound;

    /// <summary>
    /// GET alt=media from <paramref name="offset"/>, streamed, with the object's size from the answer's headers. Null
    /// when real GCS answers 416 (the offset at or past the end; the answer carries no size); the emulator answers 200
    /// with the whole object there, told apart by its length.
    /// </summary>
    public async Task<StorageRead?> OpenReadAsync(string path, long offset, CancellationToken cancellationToken)
    {
        var url = new Uri(client.Service.BaseUri + "b/" + Uri.EscapeDataString(bucket) + "/o/" + Uri.EscapeDataString(keys.Key(path)) + "?alt=media");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (offset > 0)
        {
            request.Headers.Range = new RangeHeaderValue(offset, null);
        }

        var response = await client.Service.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        try
        {
            switch (response.StatusCode)
            {
                case HttpStatusCode.NotFound:
                    throw new StorageNotFoundException(path);
                case HttpStatusCode.RequestedRangeNotSatisfiable:
                    response.Dispose();
                    return null;
                case HttpStatusCode.OK when offset > 0:
                    if (response.Content.Headers.ContentLength is { } length && length <= offset)
                    {
                        response.Dispose();
                        return new StorageRead(Stream.Null, length);
                    }

                    throw new IOException($"GCS ignored the range of a read of {path} from {offset}.");
                case HttpStatusCode.OK or HttpStatusCode.PartialContent:
                    var headers = response.Content.Headers;
                    var size = ObjectSize.FromHeaders(path, response.StatusCode == HttpStatusCode.PartialContent, headers.ContentLength, headers.ContentRange);
                    return new StorageRead(new OwnedReadStream(await response.Content.ReadAsStreamAsync(cancellationToken), response), size);
                default:
                    throw await FailureAsync(response, $"read of {path}", cancellationToken);
            }
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>Starts a resumable upload session for the object at <paramref name="path"/>; its URI is all another node needs to continue it.</summary>
    public async Task<Uri> StartSessionAsync(string path, CancellationToken cancellationToken)
    {
        var uploader = client.CreateObjectUploader(bucket, keys.Key(path), "application/octet-stream", Stream.Null);
        return await uploader.InitiateSessionAsync(cancellationToken);
    }

    /// <summary>
    /// Sends bytes at <paramref name="offset"/> of a session; with <paramref name="total"/> they are the last and the
    /// object is created. Returns the bytes the session holds afterwards.
    /// </summary>
    public async Task<long> SendChunkAsync(Uri session, long offset, ReadOnlyMemory<byte> bytes, long? total, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, session) { Content = new ReadOnlyMemoryContent(bytes) };
        request.Content.Headers.ContentRange = bytes.IsEmpty
            ? (total is { } length ? new ContentRangeHeaderValue(length) : null)
            : total is { } whole ? new ContentRangeHeaderValue(offset, offset + bytes.Length - 1, whole) : new ContentRangeHeaderValue(offset, offset + bytes.Length - 1);
        using var response = await client.Service.HttpClient.SendAsync(request, cancellationToken);
        var persisted = await PersistedAsync(response, session, cancellationToken);
        var expected = offset + bytes.Length;
        if (persisted != expected)
        {
            throw new IOException($"The GCS upload session holds {persisted} bytes after a chunk that should have left {expected}.");
        }

        return persisted;
    }

    /// <summary>Asks a session how many bytes it holds (a PUT with "Content-Range: bytes */*").</summary>
    public async Task<long> QuerySessionAsync(Uri session, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, session) { Content = new ByteArrayContent([]) };
        request.Content.Headers.TryAddWithoutValidation("Content-Range", "bytes */*");
        using var response = await client.Service.HttpClient.SendAsync(request, cancellationToken);
        return await PersistedAsync(response, session, cancellationToken);
    }

    /// <summary>Cancels a session so GCS drops what it holds; a session already gone or finished is fine.</summary>
    public async Task CancelSessionAsync(Uri session, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Delete, session);
            using var response = await client.Service.HttpClient.SendAsync(request, cancellationToken);
            Log.CancelledSession(logger, session, (int)response.StatusCode);
        }
        catch (HttpRequestException e)
        {
            Log.CancelSessionFailed(logger, session, e.Message);
        }
    }

    public async Task DeleteIfExistsAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await client.DeleteObjectAsync(bucket, name, cancellationToken: cancellationToken);
        }
        catch (GoogleApiException e) when (IsNotFound(e))
        {
        }
    }

    /// <summary>308 is "resume incomplete", with the bytes held in its Range header (none when absent); 200/201 mean finished.</summary>
    private static async Task<long> PersistedAsync(HttpResponseMessage response, Uri session, CancellationToken cancellationToken)
    {
        if ((int)response.StatusCode == 308)
        {
            return response.Headers.TryGetValues("Range", out var values) && values.FirstOrDefault() is { } range
                && RangeHeaderValue.TryParse(range, out var parsed) && parsed.Ranges.FirstOrDefault()?.To is { } last
                ? last + 1
                : 0;
        }

        if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created)
        {
            var created = await response.Content.ReadFromJsonAsync<UploadedObject>(cancellationToken);
            return created?.Size is { } size && long.TryParse(size, out var value) ? value : 0;
        }

        throw await FailureAsync(response, $"upload to session {session}", cancellationToken);
    }

    private static async Task<IOException> FailureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return new IOException($"GCS {what} failed: {(int)response.StatusCode} {response.ReasonPhrase}: {body[..Math.Min(body.Length, 300)]}");
    }

    private sealed record UploadedObject(string? Size);
}
