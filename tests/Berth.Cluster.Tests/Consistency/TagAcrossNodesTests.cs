using Berth.Cluster.Tests.Infrastructure;

namespace Berth.Cluster.Tests.Consistency;

/// <summary>
/// A node trusts a cached tag resolution for Registry:ManifestCache:Revalidation (1 s by default, docs/deployment.md),
/// so a tag moved through one node is served by every other node at the latest that long after the move.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TagAcrossNodesTests(ClusterFixture cluster)
{
    private static readonly TimeSpan DocumentedBound = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task TagMovedThroughNode1_IsServedByNodes2And3_OnceTheRevalidationBoundHasPassed()
    {
        await cluster.EnsureAllRunningAsync();
        const string repository = "alice/moving-tag";
        var token = await RegistryTokens.GetAsync(cluster.BaseAddress, RegistryTokens.PushScope(repository));
        using var node1 = RegistryTokens.Client(cluster.Nodes[0].BaseAddress, token);
        using var node2 = RegistryTokens.Client(cluster.Nodes[1].BaseAddress, token);
        using var node3 = RegistryTokens.Client(cluster.Nodes[2].BaseAddress, token);
        var first = await SmallImages.PushAsync(node1, repository, "stable", "first");

        // Nodes 2 and 3 now hold the resolution stable -> first in their caches.
        Assert.Equal(first, await SmallImages.ResolveAsync(node2, repository, "stable"));
        Assert.Equal(first, await SmallImages.ResolveAsync(node3, repository, "stable"));
        var second = await SmallImages.PushAsync(node1, repository, "stable", "second");
        await Task.Delay(DocumentedBound + TimeSpan.FromMilliseconds(200));

        Assert.NotEqual(first, second);
        Assert.Equal(second, await SmallImages.ResolveAsync(node1, repository, "stable"));
        Assert.Equal(second, await SmallImages.ResolveAsync(node2, repository, "stable"));
        Assert.Equal(second, await SmallImages.ResolveAsync(node3, repository, "stable"));
    }
}
