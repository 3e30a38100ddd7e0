using System.Globalization;
using Berth.Registry.Api.Http;
using Berth.Registry.Blobs;
using Berth.Registry.Content;
using Berth.Registry.Events;
using Berth.Registry.Names;
using Berth.Registry.Reading;
using Microsoft.AspNetCore.Http;

namespace Berth.Registry.Api.Blobs;

/// <summary>GET/HEAD/DELETE /v2/&lt;name&gt;/blobs/&lt;digest&gt;.</summary>
internal sealed class BlobEndpoints(BlobStore blobs, IBlobSource source, BlobContentWriter contentWriter, BlobOffload offload, RequestEvents events)
{
    public async Task GetAsync(HttpContext context, RepositoryName name, string digestText)
    {
        var digest = Digest.Parse(digestText);
        var request = context.Request;
        var isHead = HttpMethods.IsHead(request.Method);
        var redirect = isHead ? null : await blobs.GetRedirectUrlAsync(digest, context.RequestAborted);
        var intent = isHead ? BlobReadIntent.Head
            : redirect is null && request.Headers.Range.Count == 0 && request.Headers.IfNoneMatch.Count == 0 ? BlobReadIntent.Open
            : BlobReadIntent.Locate;
        await using var read = await source.OpenAsync(name, digest, intent, context.RequestAborted);
        var response = context.Response;
        var etag = $"\"{digest}\"";
        response.Headers[RegistryHeaders.ContentDigest] = digest.ToString();
        response.Headers.ETag = etag;
        response.Headers.AcceptRanges = "bytes";
        response.Headers.CacheControl = "max-age=31536000";
        response.ContentType = "application/octet-stream";

        if (request.Headers.IfNoneMatch.ToString() is { Length: > 0 } ifNoneMatch
            && (ifNoneMatch == "*" || ifNoneMatch.Split(',').Any(t => t.Trim() == etag)))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        if (!isHead)
        {
            events.Blob(context, RegistryEventAction.Pull, name, digest, read.Length);
        }

        if (read.Stored is not { } blob)
        {
            // Streamed while it is fetched: no ranges until it is stored, which the spec allows (a 200 with everything).
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentLength = read.Length;
            if (read.Content is { } content)
            {
                await contentWriter.WriteStreamAsync(context, content, read.Length);
            }

            return;
        }

        if (redirect is not null)
        {
            response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            response.Headers.Location = redirect.ToString();
            return;
        }

        var range = ByteRange.Evaluate(context.Request.Headers.Range, blob.Size);
        if (range.Outcome == ByteRangeOutcome.Unsatisfiable)
        {
            // Answered here even when offloading: nginx's own 416 would carry an HTML page, not the spec's error body.
            response.Headers.ContentRange = $"bytes */{blob.Size}";
            throw new RegistryException(
                RegistryErrorCode.RangeInvalid,
                $"The requested range is not satisfiable for a blob of {blob.Size} bytes.",
                new { size = blob.Size });
        }

        if (!isHead && offload.TryOffload(response, blob))
        {
            return;
        }

        long offset = 0;
        var length = blob.Size;
        switch (range.Outcome)
        {
            case ByteRangeOutcome.Satisfiable:
                offset = range.Range.Start;
                length = range.Range.Length;
                response.StatusCode = StatusCodes.Status206PartialContent;
                response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {range.Range.Start}-{range.Range.End}/{blob.Size}");
                break;
            default:
                response.StatusCode = StatusCodes.Status200OK;
                break;
        }

        response.ContentLength = length;
        if (!isHead && length > 0)
        {
            await contentWriter.WriteAsync(context, blob, read.Opened, offset, length);
        }
    }

    public async Task DeleteAsync(HttpContext context, RepositoryName name, string digestText)
    {
        var digest = Digest.Parse(digestText);
        await blobs.DeleteAsync(name, digest, context.RequestAborted);
        context.Response.StatusCode = StatusCodes.Status202Accepted;
        context.Response.ContentLength = 0;
        events.Blob(context, RegistryEventAction.Delete, name, digest, null);
    }

    internal static string Location(RepositoryName name, Digest digest) => $"/v2/{name.Value}/blobs/{digest}";

    internal static void SetCreated(HttpResponse response, RepositoryName name, Digest digest)
    {
        response.StatusCode = StatusCodes.Status201Created;
        response.Headers.Location = Location(name, digest);
        response.Headers[RegistryHeaders.ContentDigest] = digest.ToString();
        response.ContentLength = 0;
    }
}
