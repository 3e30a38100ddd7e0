using System.Globalization;
using Berth.Registry.Api.Blobs;
using Berth.Registry.Api.Http;
using Berth.Registry.Blobs;
using Berth.Registry.Catalog;
using Berth.Registry.Content;
using Berth.Registry.Events;
using Berth.Registry.Names;
using Berth.Registry.Uploads;
using Microsoft.AspNetCore.Http;

namespace Berth.Registry.Api.Uploads;

/// <summary>
/// /v2/&lt;name&gt;/blobs/uploads/[&lt;id&gt;]: start (with monolithic ?digest= and ?mount=[&amp;from=]), PATCH chunks
/// (with Content-Range, in order) or streams (without), GET status, PUT ?digest= to finish, DELETE to cancel.
/// </summary>
internal sealed class UploadEndpoints(UploadStore uploads, BlobStore blobs, RepositoryCatalog catalog, RequestGuard guard, RequestEvents events)
{
    public async Task StartAsync(HttpContext context, RepositoryName name)
    {
        var query = context.Request.Query;
        var cancellationToken = context.RequestAborted;
        if (query.TryGetValue("mount", out var mount))
        {
            var digest = Digest.Parse(mount.ToString());
            if (await MountAsync(context, name, digest, query["from"].ToString()) is var (mounted, from))
            {
                BlobEndpoints.SetCreated(context.Response, name, digest);
                events.Blob(context, RegistryEventAction.Mount, name, digest, mounted.Size, from);
                return;
            }
        }
        else if (query.TryGetValue("digest", out var digestValue))
        {
            var digest = Digest.Parse(digestValue.ToString());
            var started = await uploads.StartAsync(name, cancellationToken);
            var blob = await uploads.CompleteAsync(name, started.Id, digest, ReadChunk(context), cancellationToken);
            BlobEndpoints.SetCreated(context.Response, name, digest);
            events.Blob(context, RegistryEventAction.Push, name, digest, blob.Size);
            return;
        }

        var status = await uploads.StartAsync(name, cancellationToken);
        context.Response.Headers[RegistryHeaders.ChunkMinLength] = UploadStore.ChunkMinLength.ToString(CultureInfo.InvariantCulture);
        SetProgress(context.Response, name, status, StatusCodes.Status202Accepted);
    }

    public async Task PatchAsync(HttpContext context, RepositoryName name, string id)
    {
        var cancellationToken = context.RequestAborted;
        try
        {
            var status = await uploads.AppendAsync(name, id, ReadChunk(context), cancellationToken);
            SetProgress(context.Response, name, status, StatusCodes.Status202Accepted);
        }
        catch (RegistryException e) when (e.Code == RegistryErrorCode.RangeInvalid)
        {
            SetProgress(context.Response, name, await uploads.GetStatusAsync(name, id, cancellationToken), StatusCodes.Status416RangeNotSatisfiable);
            throw;
        }
    }

    public async Task PutAsync(HttpContext context, RepositoryName name, string id)
    {
        var digestValue = context.Request.Query["digest"].ToString();
        if (digestValue.Length == 0)
        {
            throw new RegistryException(RegistryErrorCode.DigestInvalid, "Finishing an upload needs the blob's digest in ?digest=.");
        }

        var digest = Digest.Parse(digestValue);
        var cancellationToken = context.RequestAborted;
        BlobInfo blob;
        try
        {
            blob = await uploads.CompleteAsync(name, id, digest, ReadChunk(context), cancellationToken);
        }
        catch (RegistryException e) when (e.Code == RegistryErrorCode.RangeInvalid)
        {
            SetProgress(context.Response, name, await uploads.GetStatusAsync(name, id, cancellationToken), StatusCodes.Status416RangeNotSatisfiable);
            throw;
        }

        BlobEndpoints.SetCreated(context.Response, name, digest);
        events.Blob(context, RegistryEventAction.Push, name, digest, blob.Size);
    }

    public async Task StatusAsync(HttpContext context, RepositoryName name, string id)
    {
        var status = await uploads.GetStatusAsync(name, id, context.RequestAborted);
        SetProgress(context.Response, name, status, StatusCodes.Status204NoContent);
    }

    public async Task CancelAsync(HttpContext context, RepositoryName name, string id)
    {
        await uploads.CancelAsync(name, id, context.RequestAborted);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    /// <summary>
    /// Mounts from the named repository or, without ?from=, from the first repository holding the blob that the client
    /// may read (the spec allows both); null when no such repository exists, and the caller starts an upload instead.
    /// </summary>
    private async Task<(BlobInfo Blob, RepositoryName From)?> MountAsync(HttpContext context, RepositoryName name, Digest digest, string fromText)
    {
        var cancellationToken = context.RequestAborted;
        if (fromText.Length > 0)
        {
            return RepositoryName.TryParse(fromText, out var from)
                && await guard.WouldAllowAsync(context, from, RequestGuard.Pull)
                && await blobs.MountAsync(name, digest, from, cancellationToken) is { } mounted
                    ? (mounted, from)
                    : null;
        }

        if (!await blobs.ExistsAsync(digest, cancellationToken))
        {
            return null;
        }

        foreach (var candidate in await catalog.ListHoldingBlobsAsync(cancellationToken))
        {
            var from = RepositoryName.Parse(candidate);
            if (await guard.WouldAllowAsync(context, from, RequestGuard.Pull)
                && await blobs.MountAsync(name, digest, from, cancellationToken) is { } mounted)
            {
                return (mounted, from);
            }
        }

        return null;
    }

    /// <summary>
    /// The request body as a chunk. With Content-Range the chunk must start where the upload ends and its length must
    /// agree with Content-Length; a malformed Content-Range is a 416, as the spec lists it.
    /// </summary>
    private static UploadChunk ReadChunk(HttpContext context)
    {
        var request = context.Request;
        var contentRange = request.Headers.ContentRange.ToString();
        if (contentRange.Length == 0)
        {
            return new UploadChunk(request.BodyReader, null, request.ContentLength);
        }

        if (!ContentRange.TryParse(contentRange, out var range))
        {
            throw new RegistryException(RegistryErrorCode.RangeInvalid, $"Content-Range '{contentRange}' is not <start>-<end>.");
        }

        if (request.ContentLength is { } length && length != range.Length)
        {
            throw new RegistryException(
                RegistryErrorCode.SizeInvalid,
                $"Content-Length {length} does not match Content-Range {contentRange} ({range.Length} bytes).");
        }

        return new UploadChunk(request.BodyReader, range.Start, range.Length);
    }

    private static void SetProgress(HttpResponse response, RepositoryName name, UploadStatus status, int statusCode)
    {
        response.StatusCode = statusCode;
        response.Headers.Location = $"/v2/{name.Value}/blobs/uploads/{status.Id}";
        response.Headers.Range = string.Create(CultureInfo.InvariantCulture, $"0-{Math.Max(0, status.Size - 1)}");
        response.Headers[RegistryHeaders.UploadUuid] = status.Id;
        response.Headers[RegistryHeaders.UploadSessionId] = status.Id;
        if (statusCode != StatusCodes.Status416RangeNotSatisfiable)
        {
            response.ContentLength = 0;
        }
    }
}
