using Berth.Registry.Content;

namespace Berth.Registry.GarbageCollection;

/// <summary>The result of one mark: every blob in use, and each repository's manifests.</summary>
internal sealed record GcMark(IReadOnlySet<Digest> Blobs, IReadOnlyList<GcRepositoryMark> Repositories);
