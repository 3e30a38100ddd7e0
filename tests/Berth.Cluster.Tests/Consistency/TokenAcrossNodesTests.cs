using System.Net;
using Berth.Cluster.Tests.Infrastructure;

namespace Berth.Cluster.Tests.Consistency;

/// <summary>The signing keys live in PostgreSQL, so a token any node issued is good on every node.</summary>
[Collection(ClusterCollection.Name)]
public sealed class TokenAcrossNodesTests(ClusterFixture cluster)
{
    [Fact]
    public async Task TokenFromNode1_PushesOnNode2_AndPullsOnNode3()
    {
        await cluster.EnsureAllRunningAsync();
        const string repository = "alice/token-nodes";
        var token = await RegistryTokens.GetAsync(cluster.Nodes[0].BaseAddress, RegistryTokens.PushScope(repository));
        using var node2 = RegistryTokens.Client(cluster.Nodes[1].BaseAddress, token);
        using var node3 = RegistryTokens.Client(cluster.Nodes[2].BaseAddress, token);

        var pushed = await SmallImages.PushAsync(node2, repository, "v1", "token");

        Assert.Equal(pushed, await SmallImages.ResolveAsync(node3, repository, "v1"));
        using var tags = await node3.GetAsync($"/v2/{repository}/tags/list");
        Assert.Equal(HttpStatusCode.OK, tags.StatusCode);
    }

    [Fact]
    public async Task EveryNode_ChallengesWithTheRealmBehindNginx()
    {
        await cluster.EnsureAllRunningAsync();
        foreach (var node in cluster.Nodes)
        {
            using var http = new HttpClient { BaseAddress = node.BaseAddress };
            using var response = await http.GetAsync("/v2/alice/token-nodes/tags/list");

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.StartsWith($"Bearer realm=\"{cluster.BaseAddress}token\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }
    }
}
