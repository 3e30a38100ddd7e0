using Berth.Registry.Content;
using Berth.Registry.Names;

namespace Berth.Registry.Manifests;

/// <summary>
/// The outcome of a manifest push: its digest, its subject when it has one (for OCI-Subject) and the tags now
/// pointing at it (for OCI-Tag).
/// </summary>
public sealed record ManifestPutResult(Digest Digest, Digest? Subject, string MediaType, IReadOnlyList<Tag> Tags);
