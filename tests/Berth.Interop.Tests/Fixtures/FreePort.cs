using System.Net;
using System.Net.Sockets;

namespace Berth.Interop.Tests.Fixtures;

public static class FreePort
{
    /// <summary>A loopback port free right now, for servers that must keep one port across restarts.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
