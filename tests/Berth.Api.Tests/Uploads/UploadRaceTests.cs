using System.Net;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Uploads;

/// <summary>
/// Legal requests in an unusual order on one upload: status reads while a PATCH streams, a second PATCH racing the
/// first. Each gets the spec's answer, never a 500, and the upload's bytes stay exactly what was sent.
/// </summary>
public abstract class UploadRaceTests(RegistryFixture fixture) : RegistryTestBase(fixture)
{
    private const int HeldAt = 600 * 1024;

    [Fact]
    public async Task Status_WhileAPatchStreams_Answers204AndThePatchCompletesIntact()
    {
        var repository = NewRepository("race");
        var content = TestContent.Random(1024 * 1024);
        var session = await Registry.StartUploadAsync(repository);
        using var meter = new ServerMeter(Fixture.Server);
        var held = new HeldContent(content, HeldAt);

        var patch = Registry.SendAsync(HttpMethod.Patch, session.Location, held);
        await held.Held;
        await ServerMeter.WaitUntilAsync(() => meter.Sum("berth.upload.in_flight") == 1, "the PATCH is streaming on the server");
        for (var i = 0; i < 3; i++)
        {
            using var status = await Registry.GetAsync(session.Location);
            await OciAssert.StatusAsync(HttpStatusCode.NoContent, status);
            Assert.StartsWith("0-", OciAssert.Header(status, "Range"), StringComparison.Ordinal);
        }

        held.Release();
        using var patched = await patch;
        await OciAssert.StatusAsync(HttpStatusCode.Accepted, patched);
        Assert.Equal($"0-{content.Length - 1}", OciAssert.Header(patched, "Range"));
        await AssertCompletesAsync(repository, patched, content);
    }

    [Fact]
    public async Task Status_ReadsTheUploadWithoutOpeningAWriterOrWriting()
    {
        var repository = NewRepository("race");
        var content = TestContent.Random(3000);
        var session = await Registry.StartUploadAsync(repository);
        using var patched = await Registry.SendAsync(HttpMethod.Patch, session.Location, RegistryClient.Octets(content));
        await OciAssert.StatusAsync(HttpStatusCode.Accepted, patched);
        using var meter = new ServerMeter(Fixture.Server);

        using var status = await Registry.GetAsync(session.Location);

        await OciAssert.StatusAsync(HttpStatusCode.NoContent, status);
        Assert.Equal($"0-{content.Length - 1}", OciAssert.Header(status, "Range"));
        var operations = meter.StorageOperations();
        Assert.NotEmpty(operations);
        Assert.All(operations.Keys, operation => Assert.Contains(operation, (string[])["stat", "appendable_size"]));
        await AssertCompletesAsync(repository, patched, content);
    }

    [Fact]
    public async Task SecondPatch_WhileTheFirstStreams_Gets416WithTheRangeAndTheBlobStaysIntact()
    {
        var repository = NewRepository("race");
        var content = TestContent.Random(1024 * 1024);
        var session = await Registry.StartUploadAsync(repository);
        using var meter = new ServerMeter(Fixture.Server);
        var held = new HeldContent(content, HeldAt);

        var first = Registry.SendAsync(HttpMethod.Patch, session.Location, held);
        await held.Held;
        await ServerMeter.WaitUntilAsync(() => meter.Sum("berth.upload.in_flight") == 1, "the first PATCH is streaming on the server");
        using var second = await Registry.SendAsync(HttpMethod.Patch, session.Location, RegistryClient.Octets(TestContent.Random(5000)));
        using var secondRanged = await Registry.SendAsync(HttpMethod.Patch, session.Location, RegistryClient.Chunk(TestContent.Random(5000), 0));
        using var put = await Registry.SendAsync(HttpMethod.Put, RegistryClient.WithQuery(session.Location, "digest", TestContent.Sha256(content)), RegistryClient.Octets([]));

        foreach (var refused in new[] { second, secondRanged, put })
        {
            await OciAssert.ErrorAsync(refused, HttpStatusCode.RequestedRangeNotSatisfiable, "RANGE_INVALID");
            Assert.StartsWith("0-", OciAssert.Header(refused, "Range"), StringComparison.Ordinal);
            Assert.Equal(session.Uuid, OciAssert.Header(refused, "Docker-Upload-UUID"));
        }

        held.Release();
        using var patched = await first;
        await OciAssert.StatusAsync(HttpStatusCode.Accepted, patched);
        Assert.Equal($"0-{content.Length - 1}", OciAssert.Header(patched, "Range"));
        await AssertCompletesAsync(repository, patched, content);
    }

    private async Task AssertCompletesAsync(string repository, HttpResponseMessage lastPatch, byte[] content)
    {
        var digest = TestContent.Sha256(content);
        using var put = await Registry.SendAsync(HttpMethod.Put, RegistryClient.WithQuery(lastPatch.Headers.Location!.OriginalString, "digest", digest), RegistryClient.Octets([]));
        await OciAssert.StatusAsync(HttpStatusCode.Created, put);
        using var blob = await Registry.GetAsync($"/v2/{repository}/blobs/{digest}");
        await OciAssert.StatusAsync(HttpStatusCode.OK, blob);
        Assert.Equal(content, await blob.Content.ReadAsByteArrayAsync());
    }
}
