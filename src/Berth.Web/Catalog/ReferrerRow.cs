namespace Berth.Web.Catalog;

/// <summary>A manifest whose subject is the shown one: a signature, an SBOM, an attestation.</summary>
public sealed record ReferrerRow(string Digest, string? ArtifactType, string MediaType, long Size, IReadOnlyDictionary<string, string> Annotations);
