namespace Berth.Cluster.Tests.Sites;

/// <summary>The split layout's test classes share one set of processes and run one after another (one test stops a site).</summary>
[CollectionDefinition(Name)]
public sealed class SplitLayoutCollection : ICollectionFixture<SplitLayoutFixture>
{
    public const string Name = "split layout";
}
