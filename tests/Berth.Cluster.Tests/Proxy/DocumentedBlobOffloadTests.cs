using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Berth.Client;
using Berth.Cluster.Tests.Infrastructure;
using Berth.Interop.Tests.Layout;
using Berth.Interop.Tests.Tools;

namespace Berth.Cluster.Tests.Proxy;

/// <summary>
/// Blob offload through Debian's nginx running docs/deployment.md's blocks (section 4 with the offload location of
/// section 5): Berth checks access and answers a blob GET with X-Accel-Redirect, nginx sends the file. The client
/// gets the same bytes and headers as from Berth itself (Docker-Content-Digest, the digest as ETag, ranges), and
/// nothing without Berth's say-so.
/// </summary>
public sealed class DocumentedBlobOffloadTests(BlobOffloadProxyFixture proxy) : IClassFixture<BlobOffloadProxyFixture>
{
    private const string Repository = "admin/offload";

    [Fact]
    public async Task Skopeo_PullsThroughTheOffloadingProxy_ByteForByte()
    {
        var layout = new OciLayoutBuilder(proxy.Combine("skopeo-source"), seed: 11);
        layout.Tag("v1", layout.AddImage(layerCount: 2).Manifest);
        var skopeo = new Skopeo();
        var reference = $"{proxy.PublicAddress.Authority}/{Repository}:v1";
        var credentials = "admin:" + TlsProxyFixture.AdminPassword;

        await skopeo.RunAsync("copy", "--dest-cert-dir", proxy.Certificate.CertDirectory, "--dest-creds", credentials, $"oci:{layout.Directory}:v1", $"docker://{reference}");
        await skopeo.RunAsync("copy", "--src-cert-dir", proxy.Certificate.CertDirectory, "--src-creds", credentials, $"docker://{reference}", $"oci:{proxy.Combine("skopeo-pulled")}:v1");

        LayoutAssert.SameContent(layout.Directory, proxy.Combine("skopeo-pulled"), "v1");
    }

    [Fact]
    public async Task BlobGet_IsSentByNginx_WithTheBlobsDigestHeaders()
    {
        var (content, digest) = await PushBlobAsync(300_000);
        using var http = await ClientAsync("pull");
        using var node = RegistryTokens.Client(proxy.Berth.BaseAddress, await TokenAsync("pull"));

        using var fromNode = await node.GetAsync($"/v2/{Repository}/blobs/{digest}");
        using var response = await http.GetAsync($"/v2/{Repository}/blobs/{digest}");

        Assert.Equal(HttpStatusCode.OK, fromNode.StatusCode);
        Assert.True(fromNode.Headers.Contains("X-Accel-Redirect"), "the node streamed the blob itself instead of offloading it");
        Assert.Empty(await fromNode.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(digest, Assert.Single(response.Headers.GetValues("Docker-Content-Digest")));
        Assert.Equal($"\"{digest}\"", response.Headers.ETag?.Tag);
        Assert.Equal("bytes", Assert.Single(response.Headers.AcceptRanges));
        Assert.Equal("registry/2.0", Assert.Single(response.Headers.GetValues("Docker-Distribution-API-Version")));
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Headers.Contains("X-Accel-Redirect"));
    }

    [Fact]
    public async Task Ranges_AreAnsweredAsBerthAnswersThem()
    {
        var (content, digest) = await PushBlobAsync(100_000);
        using var http = await ClientAsync("pull");

        using var partial = await SendAsync(http, digest, new RangeHeaderValue(1_000, 1_999));
        using var unsatisfiable = await SendAsync(http, digest, new RangeHeaderValue(100_000, null));
        using var notModified = await SendAsync(http, digest, null, $"\"{digest}\"");

        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(content[1_000..2_000], await partial.Content.ReadAsByteArrayAsync());
        Assert.Equal("bytes 1000-1999/100000", partial.Content.Headers.ContentRange?.ToString());
        Assert.Equal(digest, Assert.Single(partial.Headers.GetValues("Docker-Content-Digest")));
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, unsatisfiable.StatusCode);
        using (var error = JsonDocument.Parse(await unsatisfiable.Content.ReadAsStringAsync()))
        {
            Assert.Equal("RANGE_INVALID", error.RootElement.GetProperty("errors")[0].GetProperty("code").GetString());
        }

        Assert.Equal("bytes */100000", unsatisfiable.Content.Headers.ContentRange?.ToString());
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task WithoutBerthsSaySo_NginxSendsNothing()
    {
        var (content, digest) = await PushBlobAsync(50_000);
        using var anonymous = new HttpClient(proxy.Certificate.CreateHandler()) { BaseAddress = proxy.PublicAddress };
        using var otherRepository = await ClientAsync("pull", "admin/elsewhere");
        var storagePath = $"/v1/blobs/sha256/{digest[7..9]}/{digest[7..]}/data";
        Assert.Equal(content, await File.ReadAllBytesAsync(proxy.DataDirectory + storagePath));

        using var unauthenticated = await anonymous.GetAsync($"/v2/{Repository}/blobs/{digest}");
        using var unlinked = await otherRepository.GetAsync($"/v2/admin/elsewhere/blobs/{digest}");
        using var internalLocation = await anonymous.GetAsync("/_berth/storage" + storagePath);

        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unlinked.StatusCode);
        Assert.Contains("BLOB_UNKNOWN", await unlinked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, internalLocation.StatusCode);
        Assert.NotEqual(content.Length, (await internalLocation.Content.ReadAsByteArrayAsync()).Length);
    }

    private async Task<(byte[] Content, string Digest)> PushBlobAsync(int size)
    {
        var content = RandomNumberGenerator.GetBytes(size);
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
        using var client = RegistryClient.Create(new RegistryClientOptions { BaseAddress = proxy.Berth.BaseAddress, Username = "admin", Password = TlsProxyFixture.AdminPassword });
        await client.PushBlobAsync(Repository, digest, new ByteArrayContent(content), CancellationToken.None);
        return (content, digest);
    }

    private Task<string> TokenAsync(string actions, string repository = Repository) =>
        RegistryTokens.GetAsync(proxy.Berth.BaseAddress, $"repository:{repository}:{actions}", "admin", TlsProxyFixture.AdminPassword);

    /// <summary>A client of the public (TLS) address sending a token for <paramref name="repository"/>.</summary>
    private async Task<HttpClient> ClientAsync(string actions, string repository = Repository)
    {
        var http = new HttpClient(proxy.Certificate.CreateHandler()) { BaseAddress = proxy.PublicAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(actions, repository));
        return http;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string digest, RangeHeaderValue? range, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/{Repository}/blobs/{digest}");
        request.Headers.Range = range;
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        return await http.SendAsync(request);
    }
}
