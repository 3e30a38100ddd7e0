using Berth.Registry.Api.Http;
using Berth.Registry.Events;
using Berth.Registry.Manifests;
using Berth.Registry.Names;
using Berth.Registry.Reading;
using Microsoft.AspNetCore.Http;

namespace Berth.Registry.Api.Manifests;

/// <summary>GET/HEAD/PUT/DELETE /v2/&lt;name&gt;/manifests/&lt;reference&gt;.</summary>
internal sealed class ManifestEndpoints(ManifestStore manifests, IManifestSource source, RequestEvents events)
{
    public async Task GetAsync(HttpContext context, RepositoryName name, string referenceText)
    {
        var reference = Reference.Parse(referenceText);
        var read = await source.GetAsync(name, reference, context.RequestAborted);
        var manifest = read.Manifest;
        if (!AcceptNegotiation.Accepts(context.Request.Headers.Accept, manifest.MediaType))
        {
            throw new RegistryException(
                RegistryErrorCode.ManifestUnknown,
                $"Manifest '{reference}' is a {manifest.MediaType}, which the request's Accept header does not include.",
                new { mediaType = manifest.MediaType });
        }

        var response = context.Response;
        var etag = $"\"{manifest.Digest}\"";
        response.ContentType = manifest.MediaType;
        response.ContentLength = manifest.Content.Length;
        response.Headers[RegistryHeaders.ContentDigest] = manifest.Digest.ToString();
        response.Headers.ETag = etag;
        if (read.Warning is { } warning)
        {
            response.Headers.Warning = warning;
        }

        if (context.Request.Headers.IfNoneMatch.ToString().Split(',').Any(t => t.Trim() == etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            response.ContentLength = null;
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(manifest.Content, context.RequestAborted);
            events.Manifest(context, RegistryEventAction.Pull, name, manifest.Digest, manifest.MediaType, manifest.Content.Length, reference.Tag);
        }
    }

    public async Task PutAsync(HttpContext context, RepositoryName name, string referenceText)
    {
        var reference = Reference.Parse(referenceText);
        var queryTags = QueryTags(context.Request, reference);
        using var body = await ManifestBodyReader.ReadAsync(context.Request, context.RequestAborted);
        var result = await manifests.PutAsync(name, reference, queryTags, body.Content, context.Request.ContentType, context.RequestAborted);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status201Created;
        response.Headers.Location = $"/v2/{name.Value}/manifests/{result.Digest}";
        response.Headers[RegistryHeaders.ContentDigest] = result.Digest.ToString();
        if (result.Subject is { } subject)
        {
            response.Headers[RegistryHeaders.Subject] = subject.ToString();
        }

        if (queryTags.Length > 0)
        {
            response.Headers[RegistryHeaders.Tag] = result.Tags.Select(t => t.Value).ToArray();
        }

        response.ContentLength = 0;
        if (result.Tags.Count == 0)
        {
            events.Push(context, name, result.Digest, result.MediaType, body.Content, null);
        }

        foreach (var tag in result.Tags)
        {
            events.Push(context, name, result.Digest, result.MediaType, body.Content, tag);
        }
    }

    public async Task DeleteAsync(HttpContext context, RepositoryName name, string referenceText)
    {
        var reference = Reference.Parse(referenceText);
        await manifests.DeleteAsync(name, reference, context.RequestAborted);
        context.Response.StatusCode = StatusCodes.Status202Accepted;
        context.Response.ContentLength = 0;
        events.Manifest(context, RegistryEventAction.Delete, name, reference.Digest, null, null, reference.Tag);
    }

    /// <summary>
    /// The ?tag= parameters of a push by digest, each checked against the tag grammar before anything is stored; the
    /// spec defines them for digest references only, so with a tag reference they are refused rather than half-applied.
    /// </summary>
    private static Tag[] QueryTags(HttpRequest request, Reference reference)
    {
        var values = request.Query["tag"];
        if (values.Count == 0)
        {
            return [];
        }

        if (!reference.IsDigest)
        {
            throw new RegistryException(RegistryErrorCode.TagInvalid, "?tag= parameters are for pushes by digest; this push names the tag in its path.");
        }

        return [.. values.Select(Tag.Parse)];
    }
}
