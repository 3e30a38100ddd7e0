using System.Net;
using System.Net.Sockets;
using Berth.Testing;

namespace Berth.Api.Tests.Hosting;

/// <summary>
/// Stopping a node behind a load balancer: it turns unready at once, keeps serving through the drain delay, then
/// refuses new connections while the request in flight (a blob upload held mid-body) still completes.
/// </summary>
public sealed class GracefulShutdownTests
{
    private const int Half = 64 * 1024;

    [Fact]
    public async Task Stop_WithAnUploadInFlight_GoesUnreadyThenRefusesConnectionsAndTheUploadCompletes()
    {
        await using var server = await BerthTestServer.StartAsync(new Dictionary<string, string?> { ["Berth:DrainDelay"] = "00:00:05" });
        using var client = server.CreateClient();
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(server, "/healthz/ready"));
        using var post = await client.PostAsync("/v2/shutdown/upload/blobs/uploads/", new ByteArrayContent([]));
        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        var body = new HeldContent(Half);
        var patch = client.PatchAsync(post.Headers.Location, body);
        await body.FirstHalfSent.WaitAsync(TimeSpan.FromSeconds(30));

        var stopping = server.StopAsync();

        Assert.True(await EventuallyAsync(async () => await StatusAsync(server, "/healthz/ready") == HttpStatusCode.ServiceUnavailable));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(server, "/healthz"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(server, "/v2/"));
        Assert.True(await EventuallyAsync(async () => !await AcceptsConnectionAsync(server)));
        Assert.False(patch.IsCompleted, "the upload was cut off instead of being allowed to finish");
        Assert.False(stopping.IsCompleted, "the server stopped before its request in flight finished");

        body.SendSecondHalf();
        using var response = await patch;
        await stopping;

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"0-{(2 * Half) - 1}", response.Headers.GetValues("Range").Single());
    }

    /// <summary>Each probe on a connection of its own, as a load balancer's health check would open.</summary>
    private static async Task<HttpStatusCode> StatusAsync(BerthTestServer server, string path)
    {
        using var probe = server.CreateClient();
        using var response = await probe.GetAsync(path);
        return response.StatusCode;
    }

    private static async Task<bool> AcceptsConnectionAsync(BerthTestServer server)
    {
        using var socket = new TcpClient();
        try
        {
            await socket.ConnectAsync(server.BaseAddress.Host, server.BaseAddress.Port);
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.ConnectionReset)
        {
            // A reset is the closing listener dropping a connection the kernel had queued but Kestrel never accepted.
            return false;
        }
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }

    /// <summary>A body of two halves: the second is sent only when the test says so, holding the request in flight.</summary>
    private sealed class HeldContent(int half) : HttpContent
    {
        private readonly TaskCompletionSource _firstHalfSent = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task FirstHalfSent => _firstHalfSent.Task;

        public void SendSecondHalf() => _release.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var bytes = new byte[half];
            Random.Shared.NextBytes(bytes);
            await stream.WriteAsync(bytes);
            await stream.FlushAsync();
            _firstHalfSent.TrySetResult();
            await _release.Task;
            Random.Shared.NextBytes(bytes);
            await stream.WriteAsync(bytes);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 2L * half;
            return true;
        }
    }
}
