namespace Berth.Index.Repositories;

/// <summary>
/// One manifest of an index and its platform ("linux/arm64/v8"), when the index says; <see cref="Pushed"/> is false
/// for a child the repository does not hold (a sparse index, which Registry:Manifests:AllowSparseIndexes lets in).
/// </summary>
public sealed record PlatformManifest(string MediaType, string Digest, long Size, string? Platform, bool Pushed);
