using System.Net;
using System.Text;
using Berth.Registry.Api.Auth;
using Berth.Registry.Api.Routing;
using Berth.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Api.Tests.Protocol;

/// <summary>
/// Every registry and admin route declares the access it needs, once, where it is mapped: the /v2 routes in
/// <see cref="RegistryRouteTable"/>, the admin routes on their route group. With auth on, each answers a request
/// without a token with the spec's 401 and a challenge naming its own scope.
/// </summary>
public sealed class RouteAccessDeclarationTests : IAsyncLifetime
{
    private const string Digest = "sha256:0000000000000000000000000000000000000000000000000000000000000000";
    private BerthTestServer? _server;

    private BerthTestServer Server => _server ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() =>
        _server = await BerthTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Auth:Mode"] = "Token",
            ["Index:AdminPassword"] = "admin-password-1",
            ["Index:BcryptWorkFactor"] = "4",
            ["GarbageCollection:Enabled"] = "false",
        });

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public void EveryRegistryAndAdminEndpoint_DeclaresItsRequiredAccess()
    {
        var declared = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var endpoint in Server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern.RawText ?? string.Empty;
            if (!pattern.StartsWith("/v2", StringComparison.Ordinal) && !pattern.StartsWith("/api/v1/admin", StringComparison.Ordinal) && !pattern.StartsWith("/api/v1/mirror", StringComparison.Ordinal))
            {
                continue;
            }

            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"];
            var access = endpoint.Metadata.GetMetadata<RequiresRegistryAccess>();
            var declaration = access is null ? "MISSING" : access.Access is null ? "per route table" : access.Access.Scope ?? "registry";
            declared[$"{string.Join('|', methods)} {pattern}"] = declaration;
        }

        var expected = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["* /v2/{**rest}"] = "per route table",
            ["GET /api/v1/admin/storage"] = "registry:catalog:*",
            ["GET /api/v1/admin/quotas/{ns}"] = "registry:catalog:*",
            ["PUT /api/v1/admin/quotas/{ns}"] = "registry:catalog:*",
            ["DELETE /api/v1/admin/quotas/{ns}"] = "registry:catalog:*",
            ["GET /api/v1/admin/gc/runs"] = "registry:catalog:*",
            ["POST /api/v1/admin/gc/runs"] = "registry:catalog:*",
            ["GET /api/v1/admin/policies"] = "registry:catalog:*",
            ["GET /api/v1/admin/policies/{namespace}"] = "registry:catalog:*",
            ["PUT /api/v1/admin/policies/{namespace}"] = "registry:catalog:*",
            ["DELETE /api/v1/admin/policies/{namespace}"] = "registry:catalog:*",
            ["POST /api/v1/admin/retention"] = "registry:catalog:*",
            ["GET /api/v1/admin/replication/targets"] = "registry:catalog:*",
            ["POST /api/v1/admin/replication/targets"] = "registry:catalog:*",
            ["PUT /api/v1/admin/replication/targets/{name}"] = "registry:catalog:*",
            ["DELETE /api/v1/admin/replication/targets/{name}"] = "registry:catalog:*",
            ["POST /api/v1/admin/replication/targets/{name}/test"] = "registry:catalog:*",
            ["GET /api/v1/admin/replication/rules"] = "registry:catalog:*",
            ["POST /api/v1/admin/replication/rules"] = "registry:catalog:*",
            ["PUT /api/v1/admin/replication/rules/{name}"] = "registry:catalog:*",
            ["DELETE /api/v1/admin/replication/rules/{name}"] = "registry:catalog:*",
            ["PUT /api/v1/admin/replication/rules/{name}/enabled"] = "registry:catalog:*",
            ["POST /api/v1/admin/replication/rules/{name}/run"] = "registry:catalog:*",
            ["GET /api/v1/admin/replication/executions"] = "registry:catalog:*",
            ["GET /api/v1/admin/replication/executions/{id:long}"] = "registry:catalog:*",
        };
        Assert.Equal(expected, declared);
    }

    [Fact]
    public void EveryRegistryRoute_DeclaresItsRequiredAccess_InTheRouteTable()
    {
        var name = Registry.Names.RepositoryName.Parse("acme/web");
        var declared = RegistryRouteTable.Entries.Select(e => $"{e.Kind} {e.Method} {e.MetricsName} {e.Access.For(name).Scope ?? "registry"}").ToList();

        string[] expected =
        [
            "Base GET base registry",
            "Base HEAD base registry",
            "Catalog GET catalog registry:catalog:*",
            "TagsList GET tags_list repository:acme/web:pull",
            "Referrers GET referrers repository:acme/web:pull",
            "Manifest GET manifest_get repository:acme/web:pull",
            "Manifest HEAD manifest_head repository:acme/web:pull",
            "Manifest PUT manifest_put repository:acme/web:pull,push",
            "Manifest DELETE manifest_delete repository:acme/web:delete",
            "Blob GET blob_get repository:acme/web:pull",
            "Blob HEAD blob_head repository:acme/web:pull",
            "Blob DELETE blob_delete repository:acme/web:delete",
            "UploadStart POST upload_start repository:acme/web:pull,push",
            "Upload GET upload_status repository:acme/web:pull,push",
            "Upload PATCH upload_patch repository:acme/web:pull,push",
            "Upload PUT upload_put repository:acme/web:pull,push",
            "Upload DELETE upload_cancel repository:acme/web:pull,push",
        ];
        Assert.Equal(expected, declared);
        Assert.All(Enum.GetValues<RegistryRouteKind>().Where(k => k != RegistryRouteKind.NotFound), kind => Assert.Contains(RegistryRouteTable.Entries, e => e.Kind == kind));
        Assert.Equal("GET, PATCH, PUT, DELETE", RegistryRouteTable.AllowedMethods(RegistryRouteKind.Upload));
        Assert.Equal("manifest_unsupported", RegistryRouteTable.MetricsName(RegistryRouteKind.Manifest, HttpMethods.Post));
    }

    [Fact]
    public async Task EveryRegistryRoute_WithoutToken_Answers401WithItsOwnScope()
    {
        using var http = Server.CreateClient();
        var name = Registry.Names.RepositoryName.Parse("acme/web");
        foreach (var entry in RegistryRouteTable.Entries)
        {
            using var request = new HttpRequestMessage(new HttpMethod(entry.Method), PathOf(entry.Kind));
            if (entry.Method is "PUT" or "PATCH" or "POST")
            {
                request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes("{}"));
            }

            using var response = await http.SendAsync(request);

            var what = $"{entry.Method} {request.RequestUri}";
            Assert.True(HttpStatusCode.Unauthorized == response.StatusCode, $"{what}: {(int)response.StatusCode}");
            var challenge = response.Headers.WwwAuthenticate.ToString();
            Assert.StartsWith("Bearer realm=", challenge, StringComparison.Ordinal);
            if (entry.Access.For(name).Scope is { } scope)
            {
                Assert.True(challenge.Contains($"scope=\"{scope}\"", StringComparison.Ordinal), $"{what}: {challenge}");
            }

            if (entry.Method != "HEAD")
            {
                Assert.Contains("\"UNAUTHORIZED\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }
    }

    private static string PathOf(RegistryRouteKind kind) => kind switch
    {
        RegistryRouteKind.Base => "/v2/",
        RegistryRouteKind.Catalog => "/v2/_catalog",
        RegistryRouteKind.TagsList => "/v2/acme/web/tags/list",
        RegistryRouteKind.Referrers => $"/v2/acme/web/referrers/{Digest}",
        RegistryRouteKind.Manifest => "/v2/acme/web/manifests/latest",
        RegistryRouteKind.Blob => $"/v2/acme/web/blobs/{Digest}",
        RegistryRouteKind.UploadStart => "/v2/acme/web/blobs/uploads/",
        RegistryRouteKind.Upload => "/v2/acme/web/blobs/uploads/0f6e1b2a-1c1e-4d55-9a43-7f0c1a2b3c4d",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
