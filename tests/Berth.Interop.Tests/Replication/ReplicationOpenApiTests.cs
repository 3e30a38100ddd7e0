using System.Text.Json.Nodes;
using Berth.Interop.Tests.Fixtures;

namespace Berth.Interop.Tests.Replication;

/// <summary>The replication admin API is described in the index's OpenAPI document, like the rest of /api/v1.</summary>
public sealed class ReplicationOpenApiTests
{
    [Fact]
    public async Task OpenApiDocument_ListsTheReplicationAdminRoutes()
    {
        using var work = new TempDirectory("berth-repl-openapi-");
        await using var node = await ReplicationNode.StartAsync(work.Combine("site-a"));

        var document = JsonNode.Parse(await node.Http.GetStringAsync("/api/v1/openapi.json"))!;

        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        foreach (var route in new[] { "/targets", "/targets/{name}", "/targets/{name}/test", "/rules", "/rules/{name}", "/rules/{name}/enabled", "/rules/{name}/run", "/executions", "/executions/{id}" })
        {
            Assert.Contains(ReplicationNode.Api + route, paths);
        }
    }
}
