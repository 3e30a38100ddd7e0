using System.Net;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Protocol;

/// <summary>Repository names outside the spec's grammar never reach storage: NAME_INVALID, or 404 when the path cannot be routed.</summary>
public abstract class NameValidationTests(RegistryFixture fixture) : RegistryTestBase(fixture)
{
    public static TheoryData<string> InvalidNames => new()
    {
        "Upper",
        "lower/Upper",
        "%41bc",
        "a..b",
        "a//b",
        "a/",
        "-a",
        "a-",
        ".a",
        "a.",
        "a___b",
        "_layers",
        "foo/_layers",
        "foo/_uploads",
        "foo/_manifests/revisions",
        "foo/_referrers",
        "a%20b",
        "a%0A",
        "a/b%0A",
        "a%0A/b",
        "a%0D%0A",
        "%C3%BCmlaut",
        new string('a', 256),
        string.Join('/', Enumerable.Repeat(new string('b', 63), 4)) + "/cccc",
    };

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public async Task EveryEndpoint_WithInvalidName_ReturnsNameInvalidAndWritesNothing(string name)
    {
        var digest = TestContent.UnknownDigest();
        var manifest = TestContent.Utf8("{\"schemaVersion\":2}");
        var responses = new[]
        {
            await Registry.PostUploadAsync(name),
            await Registry.PostUploadAsync(name, "?digest=" + digest, RegistryClient.Octets([1, 2, 3])),
            await Registry.PutManifestAsync(name, "latest", manifest, MediaTypes.OciManifest),
            await Registry.GetAsync($"/v2/{name}/manifests/latest"),
            await Registry.DeleteAsync($"/v2/{name}/manifests/{digest}"),
            await Registry.GetAsync($"/v2/{name}/blobs/{digest}"),
            await Registry.DeleteAsync($"/v2/{name}/blobs/{digest}"),
            await Registry.GetAsync($"/v2/{name}/tags/list"),
            await Registry.GetAsync($"/v2/{name}/referrers/{digest}"),
            await Registry.GetAsync($"/v2/{name}/blobs/uploads/0123456789abcdef0123456789abcdef"),
        };

        foreach (var response in responses)
        {
            await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "NAME_INVALID");
        }

        StorageAssert.NothingOutsideDataDirectory(Fixture);
    }

    [Theory]
    [InlineData("/v2/../{0}/blobs/uploads/")]
    [InlineData("/v2/a/../../{0}/blobs/uploads/")]
    [InlineData("/v2/a/b/../../../../../../../{0}/blobs/uploads/")]
    [InlineData("/v2/%2e%2e/%2e%2e/{0}/blobs/uploads/")]
    [InlineData("/v2/..%2F..%2F..%2F{0}/blobs/uploads/")]
    [InlineData("/v2/a%2F..%2F..%2F..%2F{0}/blobs/uploads/")]
    [InlineData("/v2/%2E%2E%2F%2E%2E%2F{0}/blobs/uploads/")]
    [InlineData("/v2/a/..%5C..%5C{0}/blobs/uploads/")]
    public async Task Traversal_InRepositoryPath_IsRefusedAndWritesNothingOutsideData(string template)
    {
        var marker = $"escape{Guid.NewGuid():N}";
        var path = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, marker);
        var manifestPath = path.Replace("/blobs/uploads/", "/manifests/latest", StringComparison.Ordinal);

        var post = await Registry.SendAsync(HttpMethod.Post, path + "?digest=" + TestContent.Sha256([1, 2, 3]), RegistryClient.Octets([1, 2, 3]));
        var start = await Registry.SendAsync(HttpMethod.Post, path, new ByteArrayContent([]));
        var put = await Registry.SendAsync(HttpMethod.Put, manifestPath, RegistryClient.Typed(TestContent.Utf8("{\"schemaVersion\":2}"), MediaTypes.OciManifest));

        foreach (var response in new[] { post, start, put })
        {
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{response.RequestMessage!.Method} {path}: {(int)response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "NAME_INVALID");
            }
        }

        StorageAssert.NothingOutsideDataDirectory(Fixture, marker);
    }

    [Theory]
    [InlineData("a__b")]
    [InlineData("a---b")]
    [InlineData("a.b_c-d")]
    [InlineData("0")]
    [InlineData("a/b/c/d/e")]
    public async Task ValidNames_AreAccepted(string suffix)
    {
        var name = $"names/{Guid.NewGuid():N}/{suffix}";

        await Registry.PushBlobAsync(name, TestContent.Random(10));

        StorageAssert.NothingOutsideDataDirectory(Fixture);
    }

    [Fact]
    public async Task Name_Of255Characters_IsAcceptedAnd256IsNot()
    {
        var prefix = $"names/{Guid.NewGuid():N}/";
        var longest = prefix + new string('x', 255 - prefix.Length);

        await Registry.PushBlobAsync(longest, TestContent.Random(10));
        var tooLong = await Registry.PostUploadAsync(longest + "y");

        await OciAssert.ErrorAsync(tooLong, HttpStatusCode.BadRequest, "NAME_INVALID");
    }
}
