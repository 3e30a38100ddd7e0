using Berth.Registry.Content;
using Berth.Registry.Names;

namespace Berth.Registry.GarbageCollection;

/// <summary>One repository as a mark saw it.</summary>
/// <param name="Revisions">Manifests listed under revisions (on a filesystem, an emptied folder is listed too).</param>
/// <param name="Condemned">Revision links a run has set aside.</param>
/// <param name="Reachable">Manifests reachable from a tag, a recent revision, an index or as a referrer.</param>
/// <param name="Unreachable">Manifests whose revision link exists, is older than the protection window and no root reaches.</param>
/// <param name="Uploads">Ids of the uploads in progress.</param>
internal sealed record GcRepositoryMark(
    RepositoryName Name,
    IReadOnlySet<Digest> Revisions,
    IReadOnlySet<Digest> Condemned,
    IReadOnlySet<Digest> Reachable,
    IReadOnlySet<Digest> Unreachable,
    IReadOnlyList<string> Uploads);
