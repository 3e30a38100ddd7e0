namespace Berth.Api.Tests.Infrastructure;

/// <summary>An image a test pushed: its manifest bytes and digest, and the blobs it references.</summary>
public sealed record PushedImage(string Repository, string? Tag, string MediaType, byte[] Manifest, string Digest, Descriptor Config, IReadOnlyList<Descriptor> Layers)
{
    public Descriptor Descriptor => new(MediaType, Digest, Manifest.Length);
}
