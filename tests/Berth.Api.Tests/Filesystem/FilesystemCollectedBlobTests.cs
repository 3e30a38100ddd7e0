using System.Net;
using Berth.Api.Tests.Infrastructure;
using Berth.Registry.Content;
using Berth.Registry.Layout;
using Berth.Storage;
using Berth.Storage.Filesystem;
using Berth.Storage.Instrumentation;
using Berth.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Api.Tests.Filesystem;

/// <summary>
/// A blob whose layer link the node has cached, then whose file is gone (garbage collection leaves layer links): the
/// file-serving path answers BLOB_UNKNOWN with none of the blob's headers, as the object-store path does.
/// </summary>
public sealed class FilesystemCollectedBlobTests
{
    [Fact]
    public async Task GetAndHead_AfterTheBlobFileIsGone_AnswerBlobUnknown()
    {
        await using var server = await BerthTestServer.StartAsync();
        using var registry = new RegistryClient(server.CreateClient());
        var digest = await registry.PushBlobAsync("collected/file", TestContent.Random(200 * 1024));
        var path = $"/v2/collected/file/blobs/{digest}";
        using (var seen = await registry.GetAsync(path))
        {
            await OciAssert.StatusAsync(HttpStatusCode.OK, seen);
        }

        var driver = server.Services.GetRequiredService<IStorageDriver>().Unwrap<FilesystemStorageDriver>()!;
        File.Delete(driver.GetLocalPath(RegistryLayout.BlobData(Digest.Parse(digest))));

        using var get = await registry.GetAsync(path);
        await OciAssert.ErrorAsync(get, HttpStatusCode.NotFound, "BLOB_UNKNOWN");
        Assert.Null(OciAssert.Header(get, "Docker-Content-Digest"));
        using var head = await registry.HeadAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
    }
}
