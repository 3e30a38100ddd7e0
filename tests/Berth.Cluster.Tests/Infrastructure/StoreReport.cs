namespace Berth.Cluster.Tests.Infrastructure;

/// <summary>What <see cref="StoreConsistency"/> read and what it found wrong.</summary>
public sealed class StoreReport
{
    public int BlobsChecked { get; set; }

    public int LinksChecked { get; set; }

    public List<string> Problems { get; } = [];

    public override string ToString() =>
        $"{BlobsChecked} blobs, {LinksChecked} links checked; {Problems.Count} problems" + (Problems.Count == 0 ? string.Empty : ":\n" + string.Join('\n', Problems));
}
