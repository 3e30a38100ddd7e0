namespace Berth.Index.Repositories;

/// <summary>A manifest whose subject is the one shown: a signature, an SBOM, an attestation.</summary>
public sealed record ReferrerInfo(string MediaType, string Digest, long Size, string? ArtifactType, IReadOnlyDictionary<string, string> Annotations);
