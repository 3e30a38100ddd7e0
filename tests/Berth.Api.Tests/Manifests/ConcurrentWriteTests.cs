using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Manifests;

/// <summary>
/// Clients writing and deleting the same tag, manifest or layer link at once: every request gets a spec answer (a
/// success, or a 4xx with the error body), never a 500, and what remains is whole. Found by a sweep in which pushes of
/// one tag racing deletes of it answered 500 (a folder removed under a write, or written into while being removed).
/// </summary>
public abstract class ConcurrentWriteTests(RegistryFixture fixture) : RegistryTestBase(fixture)
{
    private const int Writers = 10;
    private const int Rounds = 3;

    [Fact]
    public async Task PushesAndDeletesOfOneTag_AtOnce_AnswerWithoutServerErrors_AndLeaveTheTagWholeOrGone()
    {
        var repository = NewRepository("race");
        var config = await Registry.PushBlobAsync(repository, MediaTypes.OciConfig, "{}"u8.ToArray());
        var manifests = Enumerable.Range(0, Writers)
            .Select(i => ManifestJson.Serialize(ManifestJson.OciManifest(config, [], annotations: new Dictionary<string, string> { ["i"] = $"{i}" })))
            .ToList();

        for (var round = 0; round < Rounds; round++)
        {
            var requests = manifests.SelectMany(manifest => new Func<Task<HttpResponseMessage>>[]
            {
                () => Registry.PutManifestAsync(repository, "shared", manifest, MediaTypes.OciManifest),
                () => Registry.DeleteAsync($"/v2/{repository}/manifests/{Sha256(manifest)}"),
                () => Registry.DeleteAsync($"/v2/{repository}/manifests/shared"),
                () => Registry.GetAsync($"/v2/{repository}/manifests/shared", ("Accept", MediaTypes.OciManifest)),
                () => Registry.GetAsync($"/v2/{repository}/tags/list"),
            });
            await AssertNoServerErrorAsync(requests);
        }

        using var final = await Registry.GetAsync($"/v2/{repository}/manifests/shared", ("Accept", MediaTypes.OciManifest));
        Assert.True(final.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"GET of the tag afterwards: {(int)final.StatusCode}");
        if (final.StatusCode == HttpStatusCode.OK)
        {
            var body = await final.Content.ReadAsByteArrayAsync();
            Assert.Contains(manifests, m => m.AsSpan().SequenceEqual(body));
            Assert.Equal(Sha256(body), OciAssert.Header(final, "Docker-Content-Digest"));
        }
    }

    [Fact]
    public async Task LayerLinkDeletesMountsAndUploads_AtOnce_AnswerWithoutServerErrors_AndAFinalPushIsWhole()
    {
        var source = NewRepository("race");
        var content = "{\"layer\":true}"u8.ToArray();
        var digest = await Registry.PushBlobAsync(source, content);
        for (var round = 0; round < Rounds; round++)
        {
            var requests = Enumerable.Range(0, Writers).SelectMany(j => new Func<Task<HttpResponseMessage>>[]
            {
                () => Registry.PostUploadAsync($"{source}-mounted{j}", $"?mount={digest}&from={source}"),
                () => Registry.DeleteAsync($"/v2/{source}/blobs/{digest}"),
                () => Registry.PostUploadAsync($"{source}-anywhere{j}", $"?mount={digest}"),
                () => Registry.PostUploadAsync(source, $"?digest={digest}", RegistryClient.Octets(content)),
            });
            await AssertNoServerErrorAsync(requests);
        }

        Assert.Equal(digest, await Registry.PushBlobAsync(source, content));
        using var blob = await Registry.GetAsync($"/v2/{source}/blobs/{digest}");
        Assert.Equal(HttpStatusCode.OK, blob.StatusCode);
        Assert.Equal(content, await blob.Content.ReadAsByteArrayAsync());
    }

    private static async Task AssertNoServerErrorAsync(IEnumerable<Func<Task<HttpResponseMessage>>> requests)
    {
        var responses = await Task.WhenAll(requests.Select(send => Task.Run(send)));
        try
        {
            foreach (var response in responses)
            {
                var status = (int)response.StatusCode;
                var body = await response.Content.ReadAsStringAsync();
                var what = $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery} answered {status}: {body}";
                Assert.True(status < 500, what);
                if (status >= 400)
                {
                    using var json = JsonDocument.Parse(body);
                    Assert.True(json.RootElement.GetProperty("errors").GetArrayLength() > 0, what);
                }
            }
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    private static string Sha256(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
}
