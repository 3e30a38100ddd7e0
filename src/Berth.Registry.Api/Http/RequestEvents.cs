using Berth.Registry.Content;
using Berth.Registry.Events;
using Berth.Registry.Names;
using Microsoft.AspNetCore.Http;

namespace Berth.Registry.Api.Http;

/// <summary>Builds registry events from the request that caused them and publishes them; free when nobody listens.</summary>
internal sealed class RequestEvents(RegistryEventPublisher publisher, TimeProvider timeProvider)
{
    public void Manifest(HttpContext context, RegistryEventAction action, RepositoryName name, Digest? digest, string? mediaType, long? size, Tag? tag) =>
        Manifest(context, action, name, digest, mediaType, size, tag, null);

    /// <summary>A push, carrying its manifest (copied) when a sink passes on manifests of its size.</summary>
    public void Push(HttpContext context, RepositoryName name, Digest digest, string mediaType, ReadOnlyMemory<byte> content, Tag? tag) =>
        Manifest(context, RegistryEventAction.Push, name, digest, mediaType, content.Length, tag,
            publisher.HasSinks && content.Length <= publisher.MaxCarriedManifestBytes ? content.ToArray() : null);

    private void Manifest(HttpContext context, RegistryEventAction action, RepositoryName name, Digest? digest, string? mediaType, long? size, Tag? tag, byte[]? content)
    {
        if (!publisher.HasSinks)
        {
            return;
        }

        publisher.Publish(Create(context, action, name, isManifest: true) with
        {
            Digest = digest,
            MediaType = mediaType,
            Size = size,
            Tag = tag?.Value,
            ManifestContent = content,
        });
    }

    public void Blob(HttpContext context, RegistryEventAction action, RepositoryName name, Digest digest, long? size, RepositoryName? from = null)
    {
        if (!publisher.HasSinks)
        {
            return;
        }

        publisher.Publish(Create(context, action, name, isManifest: false) with
        {
            Digest = digest,
            MediaType = "application/octet-stream",
            Size = size,
            FromRepository = from?.Value,
        });
    }

    private RegistryEvent Create(HttpContext context, RegistryEventAction action, RepositoryName name, bool isManifest)
    {
        var request = context.Request;
        var actor = context.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } user } ? user : null;
        return new RegistryEvent
        {
            Id = Guid.NewGuid().ToString("N"),
            Timestamp = timeProvider.GetUtcNow(),
            Action = action,
            Repository = name.Value,
            IsManifest = isManifest,
            Actor = actor,
            RequestId = context.TraceIdentifier,
            RemoteAddress = context.Connection.RemoteIpAddress?.ToString(),
            Host = request.Host.Value,
            Scheme = request.Scheme,
            Method = request.Method,
            UserAgent = request.Headers.UserAgent.ToString(),
        };
    }
}
