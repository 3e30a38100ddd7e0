using System.Net;
using System.Text.RegularExpressions;
using Berth.Api.Tests.Infrastructure;
using Berth.Testing;
using Microsoft.Extensions.Logging;

namespace Berth.Api.Tests.Hosting;

/// <summary>Log lines that say what happened: how much of an aborted response was sent, and why a mirror fill failed, in one line.</summary>
public sealed partial class LogTruthTests
{
    [Fact]
    public async Task RequestLog_OfAResponseTheClientAborted_SaysSoAndCountsWhatWasSent()
    {
        var logs = new CapturingLoggerProvider();
        await using var server = await BerthTestServer.StartAsync(
            new Dictionary<string, string?> { ["Logging:LogLevel:Berth.Hosting.RequestLogging"] = "Information" },
            builder => builder.Logging.AddProvider(logs));
        using var registry = new RegistryClient(server.CreateClient());
        var content = TestContent.Random(48 * 1024 * 1024);
        var digest = await registry.PushBlobAsync("logs/cut", content);
        var path = $"/v2/logs/cut/blobs/{digest}";

        using (var response = await registry.Http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await using var body = await response.Content.ReadAsStreamAsync();
            await body.ReadExactlyAsync(new byte[64 * 1024]);
        }

        var aborted = await WaitForLineAsync(logs, line => line.Contains($"GET {path} 200", StringComparison.Ordinal));
        Assert.Contains($"of {content.Length} aborted by the client", aborted, StringComparison.Ordinal);
        var sent = long.Parse(OutBytes().Match(aborted).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(sent, 64 * 1024, content.Length - 1);

        using var whole = await registry.Http.GetAsync(path);
        Assert.Equal(content.Length, (await whole.Content.ReadAsByteArrayAsync()).Length);
        var completed = await WaitForLineAsync(logs, line => line.Contains($"GET {path} 200", StringComparison.Ordinal) && !line.Contains("aborted by the client", StringComparison.Ordinal));
        Assert.Contains($"out={content.Length} ", completed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mirror_WithAnUnreachableUpstream_LogsOneLineWithTheCausePerUncachedBlob()
    {
        var logs = new CapturingLoggerProvider();
        await using var server = await BerthTestServer.StartAsync(
            new Dictionary<string, string?> { ["Mirror:Upstream"] = "http://127.0.0.1:9/", ["Mirror:UpstreamTimeout"] = "00:00:05" },
            builder => builder.Logging.AddProvider(logs));
        using var http = server.CreateClient();
        var digest = TestContent.UnknownDigest();

        using var response = await http.GetAsync($"/v2/site/app/blobs/{digest}");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var line = await WaitForLineAsync(logs, l => l.Contains($"site/app@{digest}", StringComparison.Ordinal));
        Assert.StartsWith("Warning", line, StringComparison.Ordinal);
        Assert.Contains("unreachable", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line);
        Assert.DoesNotContain(logs.Lines, l => l.Contains("   at ", StringComparison.Ordinal));
    }

    private static async Task<string> WaitForLineAsync(CapturingLoggerProvider logs, Func<string, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (logs.Lines.FirstOrDefault(match) is { } line)
            {
                return line;
            }

            Assert.True(DateTime.UtcNow < deadline, "The expected log line was not written within 30 s:\n" + string.Join('\n', logs.Lines));
            await Task.Delay(20);
        }
    }

    [GeneratedRegex(@" out=(\d+) ")]
    private static partial Regex OutBytes();
}
