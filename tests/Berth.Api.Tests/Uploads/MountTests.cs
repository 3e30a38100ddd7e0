using System.Net;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Uploads;

/// <summary>Cross-repository blob mounts: POST /blobs/uploads/?mount=&amp;from= (end-11).</summary>
public abstract class MountTests(RegistryFixture fixture) : RegistryTestBase(fixture)
{
    [Theory]
    [InlineData("sha256")]
    [InlineData("sha512")]
    public async Task Mount_FromRepositoryHoldingBlob_Returns201AndBlobIsReadableInTarget(string algorithm)
    {
        var source = NewRepository("mount");
        var target = NewRepository("mount");
        var content = TestContent.Random(2000);
        var digest = await Registry.PushBlobAsync(source, content, algorithm);

        var response = await Registry.PostUploadAsync(target, $"?mount={Uri.EscapeDataString(digest)}&from={Uri.EscapeDataString(source)}");

        await OciAssert.StatusAsync(HttpStatusCode.Created, response);
        Assert.Equal(digest, OciAssert.Header(response, "Docker-Content-Digest"));
        Assert.EndsWith($"/v2/{target}/blobs/{digest}", Registry.Resolve(response.Headers.Location!.OriginalString).AbsolutePath, StringComparison.Ordinal);
        var blob = await Registry.GetAsync($"/v2/{target}/blobs/{digest}");
        await OciAssert.StatusAsync(HttpStatusCode.OK, blob);
        Assert.Equal(content, await blob.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Mount_FromRepositoryLackingBlob_FallsBackTo202Upload()
    {
        var source = NewRepository("mount");
        var target = NewRepository("mount");
        var elsewhere = NewRepository("mount");
        var content = TestContent.Random(100);
        var digest = await Registry.PushBlobAsync(elsewhere, content);
        await Registry.PushBlobAsync(source, TestContent.Random(10));

        var response = await Registry.PostUploadAsync(target, $"?mount={Uri.EscapeDataString(digest)}&from={Uri.EscapeDataString(source)}");

        await AssertFallbackUploadAsync(response, target, content);
    }

    [Fact]
    public async Task Mount_OfUnknownBlob_FallsBackTo202Upload()
    {
        var source = NewRepository("mount");
        await Registry.PushBlobAsync(source, TestContent.Random(10));
        var target = NewRepository("mount");
        var content = TestContent.Random(100);

        var response = await Registry.PostUploadAsync(target, $"?mount={Uri.EscapeDataString(TestContent.Sha256(content))}&from={Uri.EscapeDataString(source)}");

        await AssertFallbackUploadAsync(response, target, content);
    }

    [Fact]
    public async Task Mount_FromUnknownRepository_FallsBackTo202Upload()
    {
        var target = NewRepository("mount");
        var content = TestContent.Random(100);

        var response = await Registry.PostUploadAsync(target, $"?mount={Uri.EscapeDataString(TestContent.Sha256(content))}&from={Uri.EscapeDataString(NewRepository("ghost"))}");

        await AssertFallbackUploadAsync(response, target, content);
    }

    [Fact]
    public async Task Mount_WithoutFromOfUnknownBlob_FallsBackTo202Upload()
    {
        var target = NewRepository("mount");
        var content = TestContent.Random(100);

        var response = await Registry.PostUploadAsync(target, $"?mount={Uri.EscapeDataString(TestContent.Sha256(content))}");

        await AssertFallbackUploadAsync(response, target, content);
    }

    /// <summary>The spec lets a registry mount without "from" when it finds the blob (201) or start an upload (202).</summary>
    [Fact]
    public async Task Mount_WithoutFromOfKnownBlob_MountsOrStartsUpload()
    {
        var source = NewRepository("mount");
        var target = NewRepository("mount");
        var content = TestContent.Random(100);
        var digest = await Registry.PushBlobAsync(source, content);

        var response = await Registry.PostUploadAsync(target, $"?mount={Uri.EscapeDataString(digest)}");

        if (response.StatusCode == HttpStatusCode.Created)
        {
            var blob = await Registry.GetAsync($"/v2/{target}/blobs/{digest}");
            Assert.Equal(content, await blob.Content.ReadAsByteArrayAsync());
        }
        else
        {
            await AssertFallbackUploadAsync(response, target, content);
        }
    }

    [Fact]
    public async Task Mount_WithoutFrom_OfABlobInAnotherReadableRepository_Returns201()
    {
        var source = NewRepository("mount");
        var target = NewRepository("mount");
        var content = TestContent.Random(300);
        var digest = await Registry.PushBlobAsync(source, content);

        var response = await Registry.PostUploadAsync(target, $"?mount={Uri.EscapeDataString(digest)}");

        await OciAssert.StatusAsync(HttpStatusCode.Created, response);
        Assert.Equal(digest, OciAssert.Header(response, "Docker-Content-Digest"));
        var blob = await Registry.GetAsync($"/v2/{target}/blobs/{digest}");
        Assert.Equal(content, await blob.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Mount_WithMalformedDigest_ReturnsDigestInvalidOrFallsBack()
    {
        var source = NewRepository("mount");
        await Registry.PushBlobAsync(source, TestContent.Random(10));
        var target = NewRepository("mount");

        var response = await Registry.PostUploadAsync(target, $"?mount=sha256:xyz&from={Uri.EscapeDataString(source)}");

        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "DIGEST_INVALID");
        }
    }

    [Fact]
    public async Task Mount_FromInvalidRepositoryName_NeverReadsOutsideRepositories()
    {
        var target = NewRepository("mount");
        var content = TestContent.Random(100);
        var digest = await Registry.PushBlobAsync(NewRepository("mount"), content);

        var response = await Registry.PostUploadAsync(target, $"?mount={Uri.EscapeDataString(digest)}&from=..%2F..%2Fetc");

        Assert.NotEqual(HttpStatusCode.Created, response.StatusCode);
        Assert.True(response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.BadRequest, $"Got {(int)response.StatusCode}.");
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "NAME_INVALID");
        }
    }

    [Fact]
    public async Task Mount_ThenDeleteInSource_KeepsBlobInTarget()
    {
        var source = NewRepository("mount");
        var target = NewRepository("mount");
        var content = TestContent.Random(500);
        var digest = await Registry.PushBlobAsync(source, content);
        await OciAssert.StatusAsync(HttpStatusCode.Created, await Registry.PostUploadAsync(target, $"?mount={Uri.EscapeDataString(digest)}&from={Uri.EscapeDataString(source)}"));

        await OciAssert.StatusAsync(HttpStatusCode.Accepted, await Registry.DeleteAsync($"/v2/{source}/blobs/{digest}"));

        var blob = await Registry.GetAsync($"/v2/{target}/blobs/{digest}");
        await OciAssert.StatusAsync(HttpStatusCode.OK, blob);
        Assert.Equal(content, await blob.Content.ReadAsByteArrayAsync());
    }

    private async Task AssertFallbackUploadAsync(HttpResponseMessage response, string target, byte[] content)
    {
        await OciAssert.StatusAsync(HttpStatusCode.Accepted, response);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith($"/v2/{target}/blobs/uploads/", Registry.Resolve(location).AbsolutePath, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(OciAssert.Header(response, "Docker-Upload-UUID")));
        var digest = TestContent.Sha256(content);
        await OciAssert.StatusAsync(HttpStatusCode.NotFound, await Registry.HeadAsync($"/v2/{target}/blobs/{digest}"));
        var put = await Registry.SendAsync(HttpMethod.Put, RegistryClient.WithQuery(location, "digest", digest), RegistryClient.Octets(content));
        await OciAssert.StatusAsync(HttpStatusCode.Created, put);
    }
}
