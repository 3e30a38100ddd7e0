using System.Net;
using System.Net.Sockets;
using System.Text;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Uploads;

/// <summary>
/// Bodies cut short of their Content-Length, sent over a raw socket because HttpClient never sends them. Over HTTP/1.1
/// the server sees this as an aborted request: it may answer 4xx or drop the connection, but must store nothing and
/// leave the registry usable for the same content.
/// </summary>
public abstract class UploadBodyTests(RegistryFixture fixture) : RegistryTestBase(fixture)
{
    [Theory]
    [InlineData("PUT")]
    [InlineData("POST")]
    [InlineData("PATCH")]
    public async Task Body_ShorterThanContentLength_StoresNothingAndContentCanBePushedAgain(string method)
    {
        var repository = NewRepository("sizes");
        var content = TestContent.Random(100);
        var digest = TestContent.Sha256(content);
        var session = await Registry.StartUploadAsync(repository);
        var target = method switch
        {
            "POST" => $"/v2/{repository}/blobs/uploads/?digest={Uri.EscapeDataString(digest)}",
            "PUT" => RegistryClient.WithQuery(session.Location, "digest", digest),
            _ => session.Location,
        };

        var status = await SendTruncatedAsync(method, Registry.Resolve(target), declaredLength: 200, content);

        Assert.True(status is null or (>= 400 and < 500), $"A truncated {method} must not succeed or fail with 5xx, got {status}.");
        await OciAssert.StatusAsync(HttpStatusCode.NotFound, await Registry.HeadAsync($"/v2/{repository}/blobs/{digest}"));
        await Registry.PushBlobAsync(repository, content);
        var blob = await Registry.GetAsync($"/v2/{repository}/blobs/{digest}");
        Assert.Equal(content, await blob.Content.ReadAsByteArrayAsync());
    }

    /// <returns>The response status, or null when the server closed the connection without one.</returns>
    private static async Task<int?> SendTruncatedAsync(string method, Uri uri, int declaredLength, byte[] content)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(uri.Host, uri.Port);
        var stream = tcp.GetStream();
        var head = $"{method} {uri.PathAndQuery} HTTP/1.1\r\nHost: {uri.Authority}\r\nContent-Type: application/octet-stream\r\nContent-Length: {declaredLength}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(content);
        await stream.FlushAsync();
        tcp.Client.Shutdown(SocketShutdown.Send);

        string response;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            using var reader = new StreamReader(stream, Encoding.UTF8);
            response = await reader.ReadToEndAsync(timeout.Token);
        }
        catch (IOException)
        {
            return null;
        }

        var parts = response.Split("\r\n", 2)[0].Split(' ');
        return parts.Length >= 2 && int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var status) ? status : null;
    }
}
