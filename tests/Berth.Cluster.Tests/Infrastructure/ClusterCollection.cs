namespace Berth.Cluster.Tests.Infrastructure;

/// <summary>
/// Every test class shares the one cluster and runs one after another: some tests kill nodes, which would
/// fail a neighbour that addresses a node directly.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
