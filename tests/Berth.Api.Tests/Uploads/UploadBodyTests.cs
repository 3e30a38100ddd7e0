using System.Net;
using System.Net.Sockets;
using System.Text;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Uploads;

/// <summary>Bodies that do not match their declared length, sent over a raw socket because HttpClient never sends them.</summary>
public abstract class UploadBodyTests(RegistryFixture fixture) : RegistryTestBase(fixture)
{
    [Theory]
    [InlineData("PUT")]
    [InlineData("POST")]
    [InlineData("PATCH")]
    public async Task Body_ShorterThanContentLength_ReturnsSizeInvalidAndStoresNothing(string method)
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

        var (status, body) = await SendTruncatedAsync(method, Registry.Resolve(target), declaredLength: 200, content);

        Assert.True(status == 400, $"{method} with a body shorter than Content-Length must be a 400 SIZE_INVALID, got {status}: {body}");
        Assert.Contains("\"SIZE_INVALID\"", body, StringComparison.Ordinal);
        await OciAssert.StatusAsync(HttpStatusCode.NotFound, await Registry.HeadAsync($"/v2/{repository}/blobs/{digest}"));
    }

    private static async Task<(int Status, string Body)> SendTruncatedAsync(string method, Uri uri, int declaredLength, byte[] content)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(uri.Host, uri.Port);
        var stream = tcp.GetStream();
        var head = $"{method} {uri.PathAndQuery} HTTP/1.1\r\nHost: {uri.Authority}\r\nContent-Type: application/octet-stream\r\nContent-Length: {declaredLength}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(content);
        await stream.FlushAsync();
        tcp.Client.Shutdown(SocketShutdown.Send);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync(timeout.Token);
        var statusLine = response.Split("\r\n", 2)[0];
        var parts = statusLine.Split(' ');
        Assert.True(parts.Length >= 2 && int.TryParse(parts[1], out _), $"No HTTP response to a truncated {method}: '{response}'.");
        return (int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), response);
    }
}
