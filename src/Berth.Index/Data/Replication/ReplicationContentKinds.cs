namespace Berth.Index.Data.Replication;

/// <summary>Which top-level manifests a rule copies, by what they are.</summary>
[Flags]
public enum ReplicationContentKinds
{
    /// <summary>Image manifests (OCI or Docker) with an image config.</summary>
    Images = 1,

    /// <summary>Image indexes and Docker manifest lists (multi-platform images), copied whole.</summary>
    Indexes = 2,

    /// <summary>Manifests of other artifacts (an artifactType, or a config that is no image config).</summary>
    Artifacts = 4,

    All = Images | Indexes | Artifacts,
}
