using System.Diagnostics;
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

    /// <summary>For the clock reads on either side of a revalidation and the request that follows it.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(200);

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
        var sinceMove = Stopwatch.StartNew();
        Assert.NotEqual(first, second);

        // Asked again and again rather than once after a sleep: the test ends as soon as every node serves the move,
        // and fails if a round of questions that began after the bound still finds a node serving the old tag.
        while (true)
        {
            var askedAt = sinceMove.Elapsed;
            var served = await Task.WhenAll(new[] { node1, node2, node3 }.Select(node => SmallImages.ResolveAsync(node, repository, "stable")));
            if (served.All(digest => digest == second))
            {
                break;
            }

            Assert.True(
                askedAt <= DocumentedBound + Margin,
                $"{askedAt.TotalMilliseconds:F0} ms after the move nodes 1-3 serve {string.Join(", ", served)}; every node should serve {second}.");
            await Task.Delay(50);
        }
    }
}
