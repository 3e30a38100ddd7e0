using System.Net;
using System.Net.Sockets;

namespace Berth.Interop.Tests.Http;

/// <summary>
/// A TCP proxy on loopback in front of a registry that cuts the connection carrying the request bytes once the bytes
/// sent upstream pass <c>dropAfter</c> (once only): the dropped connection of a flaky network, in the middle of a blob.
/// </summary>
public sealed class DroppingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _upstream;
    private readonly long _dropAfter;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private long _forwarded;
    private int _dropped;

    public DroppingProxy(IPEndPoint upstream, long dropAfter)
    {
        _upstream = upstream;
        _dropAfter = dropAfter;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public string HostPort => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Bytes clients sent upstream through the proxy, over every connection.</summary>
    public long Forwarded => Interlocked.Read(ref _forwarded);

    public int Drops => Volatile.Read(ref _dropped);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => RelayAsync(client));
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            await server.ConnectAsync(_upstream, _stop.Token);
            using var connection = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var up = PumpAsync(client.GetStream(), server.GetStream(), countAndDrop: true, connection);
            var down = PumpAsync(server.GetStream(), client.GetStream(), countAndDrop: false, connection);
            await Task.WhenAny(up, down);
            await connection.CancelAsync();
            client.Client.Close(0);
            server.Client.Close(0);
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, bool countAndDrop, CancellationTokenSource connection)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, connection.Token)) > 0)
            {
                if (countAndDrop && Interlocked.Add(ref _forwarded, read) > _dropAfter && Interlocked.CompareExchange(ref _dropped, 1, 0) == 0)
                {
                    // Reset both sides mid-request: the registry sees a truncated body, the client a broken connection.
                    return;
                }

                await to.WriteAsync(buffer.AsMemory(0, read), connection.Token);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The other direction closed the connection.
        }
    }
}
