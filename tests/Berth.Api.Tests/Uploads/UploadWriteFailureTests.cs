using System.Net;
using Berth.Storage;
using Berth.Storage.Conformance.Interception;
using Berth.Storage.Configuration;
using Berth.Storage.Filesystem;
using Berth.Testing;

namespace Berth.Api.Tests.Uploads;

/// <summary>
/// A store that fails while an upload's body is being written: the client gets the spec's error body, and its
/// connection stays open for the retry. Found in CI, where a failed write left the request body's read unanswered and
/// the server dropped the connection after the error ("the response ended prematurely").
/// </summary>
public sealed class UploadWriteFailureTests
{
    [Theory]
    [InlineData(64)]
    [InlineData(3 * 1024 * 1024)]
    public async Task Put_WhoseBodyWriteFails_AnswersTheSpecErrorAndTheConnectionServesTheRetry(int size)
    {
        var failing = new FirstWriteFails();
        await using var server = await BerthTestServer.StartAsync(
            new Dictionary<string, string?> { ["Storage:Driver"] = "first-write-fails" },
            builder => builder.Services.AddStorageDriver("first-write-fails", _ => failing.Over(new FilesystemStorageDriver(Path.Join(builder.Configuration["Berth:DataDirectory"], "store")))));
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1 };
        using var client = new HttpClient(handler) { BaseAddress = server.BaseAddress };
        var content = new byte[size];
        Random.Shared.NextBytes(content);
        var digest = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));

        using var post = await client.PostAsync("/v2/write/failure/blobs/uploads/", null);
        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        var location = post.Headers.Location!.ToString();
        var put = $"{location}{(location.Contains('?', StringComparison.Ordinal) ? '&' : '?')}digest={digest}";

        using (var failed = await client.PutAsync(put, new ByteArrayContent(content)))
        {
            Assert.True(failing.Failed, "the store's write was never called");
            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
            Assert.Contains("\"errors\"", await failed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // The retry a registry client sends: the same PUT at once, on the connection the error came back on.
        using var retried = await client.PutAsync(put, new ByteArrayContent(content));
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        using var pulled = await client.GetAsync($"/v2/write/failure/blobs/{digest}");
        Assert.Equal(content, await pulled.Content.ReadAsByteArrayAsync());
    }

    private sealed class FirstWriteFails
    {
        private int _failed;

        public bool Failed => Volatile.Read(ref _failed) == 1;

        public IStorageDriver Over(IStorageDriver inner) => new Driver(inner, this);

        private sealed class Driver(IStorageDriver inner, FirstWriteFails owner) : InterceptingStorageDriver(inner)
        {
            protected override Task BeforeAsync(StorageCall call, CancellationToken cancellationToken) =>
                call.Operation == StorageOperation.Write && Interlocked.Exchange(ref owner._failed, 1) == 0
                    ? Task.FromException(new IOException($"Injected failure of {call}."))
                    : Task.CompletedTask;
        }
    }
}
