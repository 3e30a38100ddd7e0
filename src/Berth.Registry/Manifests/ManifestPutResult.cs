using Berth.Registry.Content;

namespace Berth.Registry.Manifests;

/// <summary>The outcome of a manifest push: its digest and, when it has one, its subject (for OCI-Subject).</summary>
public sealed record ManifestPutResult(Digest Digest, Digest? Subject, string MediaType);
