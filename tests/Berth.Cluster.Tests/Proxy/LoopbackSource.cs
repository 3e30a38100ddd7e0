using System.Net;
using System.Net.Sockets;

namespace Berth.Cluster.Tests.Proxy;

/// <summary>Connections that leave from a chosen loopback address (any 127.x.y.z works on Linux), so a server sees distinct clients.</summary>
internal static class LoopbackSource
{
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> ConnectFrom(IPAddress source) =>
        async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };
}
