using Berth.Registry.Content;

namespace Berth.Registry.Events;

/// <summary>
/// One thing the registry did, in the shape of distribution's notification event (target, request, actor) so that
/// webhook receivers written for distribution work unchanged and the index can keep its metadata current from it.
/// Manifest events carry the manifest's digest, media type and size; a tag when the request named one.
/// Blob events carry the blob's digest and size. Delete of a tag carries only the tag. A push may carry the manifest
/// itself and its image config's details, so that a receiver (the index) need not read them back.
/// </summary>
public sealed record RegistryEvent
{
    public required string Id { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    public required RegistryEventAction Action { get; init; }

    public required string Repository { get; init; }

    /// <summary>True for manifests (including indexes), false for blobs.</summary>
    public required bool IsManifest { get; init; }

    public Digest? Digest { get; init; }

    public string? MediaType { get; init; }

    public long? Size { get; init; }

    public string? Tag { get; init; }

    /// <summary>The repository a mounted blob came from.</summary>
    public string? FromRepository { get; init; }

    /// <summary>The account that made the request; null when anonymous or auth is off.</summary>
    public string? Actor { get; init; }

    public string? RequestId { get; init; }

    public string? RemoteAddress { get; init; }

    public string? Host { get; init; }

    /// <summary>http or https, as the client reached the registry; with <see cref="Host"/> it makes the target's URL.</summary>
    public string? Scheme { get; init; }

    public string? Method { get; init; }

    public string? UserAgent { get; init; }

    /// <summary>
    /// A push's manifest, the bytes as pushed, when a sink carries manifests of its size
    /// (<see cref="IRegistryEventSink.MaxCarriedManifestBytes"/>); null otherwise.
    /// </summary>
    public byte[]? ManifestContent { get; init; }

    /// <summary>The details of the pushed image's config, when they were read for a sink that carries them.</summary>
    public ImageConfigDetails? Config { get; init; }
}
