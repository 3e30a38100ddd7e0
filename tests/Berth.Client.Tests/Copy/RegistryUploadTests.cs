using System.Security.Cryptography;
using Berth.Client.Copy;
using Berth.Client.Transports;
using Berth.Testing;

namespace Berth.Client.Tests.Copy;

/// <summary>
/// Uploads into a real Berth, each request recorded on its way: bodies streamed chunk by chunk (with Content-Range when
/// the size is known, without when a compressor's output is), small blobs in one POST + PUT, the digest of what was
/// sent, and a source that does not match its digest failing as a digest mismatch and never being committed.
/// </summary>
public sealed class RegistryUploadTests
{
    private const int ChunkSize = 64 * 1024;

    [Fact]
    public async Task Run_UnknownLength_StreamsChunksWithoutContentRange_AndReturnsTheDigestOfWhatWasSent()
    {
        await using var server = await BerthTestServer.StartAsync();
        var recorder = new RecordingHandler();
        using var client = Client(server, recorder);
        var blob = RandomNumberGenerator.GetBytes((3 * ChunkSize) + 1000);

        var written = await Upload(client).RunAsync(new NonSeekableStream(blob), expectedDigest: null, CancellationToken.None);

        Assert.Equal(Digest(blob), written.Digest);
        Assert.Equal(blob.Length, written.Size);
        var patches = recorder.Requests.Where(r => r.Method == "PATCH").ToList();
        Assert.Equal(4, patches.Count);
        Assert.All(patches, p => Assert.Null(p.ContentRange));
        Assert.Equal(blob, await Stored(server, written.Digest));
    }

    [Fact]
    public async Task Run_KnownDigest_SendsExactChunksWithContentRange_NoEmptyChunkOnABoundary()
    {
        await using var server = await BerthTestServer.StartAsync();
        var recorder = new RecordingHandler();
        using var client = Client(server, recorder);
        var blob = RandomNumberGenerator.GetBytes(20 * ChunkSize);
        var digest = Digest(blob);

        var written = await Upload(client).RunAsync(new VerifyingStream(new NonSeekableStream(blob), digest, blob.Length), digest, CancellationToken.None);

        Assert.Equal(digest, written.Digest);
        var ranges = recorder.Requests.Where(r => r.Method == "PATCH").Select(r => r.ContentRange).ToList();
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"{i * ChunkSize}-{((i + 1) * ChunkSize) - 1}"), ranges);
        Assert.Equal(blob, await Stored(server, digest));
    }

    [Fact]
    public async Task Run_SmallBlob_GoesAsOnePostAndPut()
    {
        await using var server = await BerthTestServer.StartAsync();
        var recorder = new RecordingHandler();
        using var client = Client(server, recorder);
        var blob = RandomNumberGenerator.GetBytes(1000);

        var written = await Upload(client).RunAsync(new NonSeekableStream(blob), expectedDigest: null, CancellationToken.None);

        Assert.Equal(["POST", "PUT"], recorder.Requests.Select(r => r.Method));
        Assert.Equal(blob, await Stored(server, written.Digest));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Run_SourceNotMatchingItsDescriptor_FailsAsADigestMismatch_WithoutRetryOrCommit(bool shorterThanStated)
    {
        await using var server = await BerthTestServer.StartAsync();
        var recorder = new RecordingHandler();
        using var client = Client(server, recorder);
        var blob = RandomNumberGenerator.GetBytes(5 * ChunkSize);

        // Shorter than stated, the source fails while it feeds a PATCH body (inside HttpClient); otherwise at its end.
        var claimed = shorterThanStated ? Digest(blob) : "sha256:" + new string('0', 64);
        var stated = shorterThanStated ? blob.Length + 10 : blob.Length;

        var error = await Assert.ThrowsAsync<CopyException>(() =>
            Upload(client).RunAsync(new VerifyingStream(new NonSeekableStream(blob), claimed, stated), claimed, CancellationToken.None));

        Assert.Equal(CopyFailure.DigestMismatch, error.Failure);
        Assert.DoesNotContain(recorder.Requests, r => r.Method == "PUT");
        Assert.DoesNotContain(recorder.Requests, r => r.Method == "GET");
        using var http = server.CreateClient();
        using var head = new HttpRequestMessage(HttpMethod.Head, $"/v2/upload/test/blobs/{Digest(blob)}");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.SendAsync(head)).StatusCode);
    }

    private static RegistryUpload Upload(RegistryClient client) =>
        new(client, "upload/test", ChunkSize, new RetryPolicy { FirstDelay = TimeSpan.Zero });

    private static RegistryClient Client(BerthTestServer server, RecordingHandler recorder)
    {
        recorder.InnerHandler = new SocketsHttpHandler();
        return RegistryClient.Create(new RegistryClientOptions { BaseAddress = server.BaseAddress }, recorder);
    }

    private static string Digest(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    private static async Task<byte[]> Stored(BerthTestServer server, string digest)
    {
        using var http = server.CreateClient();
        return await http.GetByteArrayAsync($"/v2/upload/test/blobs/{digest}");
    }

    private sealed record Recorded(string Method, string? ContentRange);

    private sealed class RecordingHandler : DelegatingHandler
    {
        public List<Recorded> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var range = request.Content?.Headers.TryGetValues("Content-Range", out var values) == true ? values.First() : null;
            lock (Requests)
            {
                Requests.Add(new Recorded(request.Method.Method, range));
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
