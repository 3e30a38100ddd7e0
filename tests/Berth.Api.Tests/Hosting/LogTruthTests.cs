using System.Net;
using System.Text.RegularExpressions;
using Berth.Api.Tests.Infrastructure;
using Berth.Hosting.RequestLogging;
using Berth.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
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
    public async Task RequestLog_OfAResponseCutShortBeforeKestrelFlagsTheAbort_SaysAborted()
    {
        var (line, context) = await LogOneRequestAsync(HttpMethods.Get, "/v2/logs/cut/blobs/x", async http =>
        {
            http.Response.ContentLength = 1000;
            await http.Response.BodyWriter.WriteAsync(new byte[100]);
        });

        Assert.False(context.RequestAborted.IsCancellationRequested);
        Assert.Contains("GET /v2/logs/cut/blobs/x 200 in=0 out=100 of 1000 aborted by the client", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RequestLog_OfAWriteThatThrowsAsTheClientGoes_CountsTheBytesItHandedOver(bool throughTheWriter)
    {
        var logs = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(builder => builder.AddProvider(logs).SetMinimumLevel(LogLevel.Information));
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = "/v2/logs/cut/blobs/y";
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(new ClientGoneStream()));
        var middleware = new RequestLoggingMiddleware(
            async http =>
            {
                http.Response.ContentLength = 1000;
                if (throughTheWriter)
                {
                    await http.Response.BodyWriter.WriteAsync(new byte[300]);
                }
                else
                {
                    await http.Response.Body.WriteAsync(new byte[300]);
                }
            },
            loggers.CreateLogger<RequestLoggingMiddleware>(),
            TimeProvider.System);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => middleware.InvokeAsync(context));

        Assert.Contains("GET /v2/logs/cut/blobs/y 200 in=0 out=300 of 1000 aborted by the client", Assert.Single(logs.Lines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("HEAD", 200)]
    [InlineData("GET", 304)]
    [InlineData("GET", 204)]
    public async Task RequestLog_OfAResponseThatDeclaresALengthItNeverSends_SaysCompleted(string method, int status)
    {
        var (line, _) = await LogOneRequestAsync(method, "/v2/logs/head/manifests/latest", http =>
        {
            http.Response.StatusCode = status;
            http.Response.ContentLength = 1000;
            return Task.CompletedTask;
        });

        Assert.Contains($"{method} /v2/logs/head/manifests/latest {status} in=0 out=0 ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("aborted", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestLog_OfAPathWithALineBreak_StaysOneLine()
    {
        var (line, _) = await LogOneRequestAsync(HttpMethods.Get, "/v2/a/b\n200 forged/tags/list", http =>
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return Task.CompletedTask;
        });

        Assert.Contains("GET /v2/a/b%0A200%20forged/tags/list 400 ", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line);
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

    private static Task<string> WaitForLineAsync(CapturingLoggerProvider logs, Func<string, bool> match) =>
        logs.WaitForLineAsync(match, TimeSpan.FromSeconds(30));

    /// <summary>Runs the request log middleware alone over one request and returns the single line it logged.</summary>
    private static async Task<(string Line, HttpContext Context)> LogOneRequestAsync(string method, string path, RequestDelegate next)
    {
        var logs = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(builder => builder.AddProvider(logs).SetMinimumLevel(LogLevel.Information));
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;

        await new RequestLoggingMiddleware(next, loggers.CreateLogger<RequestLoggingMiddleware>(), TimeProvider.System).InvokeAsync(context);

        return (Assert.Single(logs.Lines), context);
    }

    [GeneratedRegex(@" out=(\d+) ")]
    private static partial Regex OutBytes();

    /// <summary>A response stream whose client went away while a write waited on back-pressure.</summary>
    private sealed class ClientGoneStream : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new OperationCanceledException();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromException(new OperationCanceledException());
    }
}
