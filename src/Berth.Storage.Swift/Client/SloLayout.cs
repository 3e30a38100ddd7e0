namespace Berth.Storage.Swift.Client;

/// <summary>A Static Large Object flattened: its data segments in order, and the nested manifests that held them.</summary>
internal sealed record SloLayout(IReadOnlyList<SloManifestEntry> Segments, IReadOnlyList<string> NestedManifests)
{
    public static readonly SloLayout Empty = new([], []);

    public IEnumerable<string> AllObjects => Segments.Select(s => s.Name).Concat(NestedManifests);
}
