namespace Berth.Registry.Content;

/// <summary>An OCI content descriptor: what a manifest says about a blob or child manifest it references.</summary>
public sealed record Descriptor(
    string MediaType,
    Digest Digest,
    long Size,
    string? ArtifactType = null,
    IReadOnlyDictionary<string, string>? Annotations = null);
