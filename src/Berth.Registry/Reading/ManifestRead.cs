using Berth.Registry.Manifests;

namespace Berth.Registry.Reading;

/// <summary>A manifest found for a pull, with an HTTP Warning value when it may be out of date (a mirror cut off from its upstream).</summary>
public sealed record ManifestRead(StoredManifest Manifest, string? Warning = null);
