using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Testing;

/// <summary>
/// Middleware in front of a test server that records every response as the client got it (status, time taken, and
/// the body of server errors), so a test over a failing store can assert that each failure was a clean spec error
/// and that no request hung.
/// </summary>
public sealed class ResponseAudit
{
    private const int ErrorBodyLimit = 8 * 1024;
    private readonly ConcurrentQueue<AuditedResponse> _responses = new();

    public IReadOnlyCollection<AuditedResponse> Responses => _responses;

    public int ServerErrors => _responses.Count(r => r.Status >= 500);

    public void Install(WebApplicationBuilder builder) => builder.Services.AddSingleton<IStartupFilter>(new Filter(this));

    /// <summary>
    /// What is wrong with the responses so far: a server error without the spec's JSON error body, or a response that
    /// took longer than <paramref name="bound"/>. Empty when every failure was clean and nothing hung.
    /// </summary>
    public IReadOnlyList<string> Problems(TimeSpan bound) =>
    [
        .. _responses.Where(r => r.Elapsed > bound).Select(r => $"{r} took longer than {bound}"),
        .. _responses.Where(r => r.Status >= 500 && !HttpMethods.IsHead(r.Method) && !IsSpecError(r.ErrorBody)).Select(r => $"{r} is not the spec's error body: {r.ErrorBody}"),
    ];

    private static bool IsSpecError(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return false;
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            var error = json.RootElement.GetProperty("errors")[0];
            return !string.IsNullOrEmpty(error.GetProperty("code").GetString()) && error.GetProperty("message").ValueKind == JsonValueKind.String;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            return false;
        }
    }

    private async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        var original = context.Response.Body;
        await using var capture = new ErrorCapture(original, context.Response);
        context.Response.Body = capture;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
            _responses.Enqueue(new AuditedResponse(
                context.Request.Method,
                context.Request.Path.Value ?? string.Empty,
                context.Response.StatusCode,
                Stopwatch.GetElapsedTime(started),
                capture.Captured));
        }
    }

    private sealed class Filter(ResponseAudit audit) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) => audit.InvokeAsync(context, following));
            next(app);
        };
    }

    /// <summary>Passes writes through, keeping the first bytes of a server error's body.</summary>
    private sealed class ErrorCapture(Stream inner, HttpResponse response) : Stream
    {
        private MemoryStream? _error;

        public string? Captured => _error is null ? null : Encoding.UTF8.GetString(_error.ToArray());

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            Keep(buffer.AsSpan(offset, count));
            inner.Write(buffer, offset, count);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Keep(buffer.Span);
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        protected override void Dispose(bool disposing)
        {
            _error?.Dispose();
            base.Dispose(disposing);
        }

        private void Keep(ReadOnlySpan<byte> bytes)
        {
            if (response.StatusCode < 500)
            {
                return;
            }

            _error ??= new MemoryStream();
            var room = (int)Math.Max(0, ErrorBodyLimit - _error.Length);
            _error.Write(bytes[..Math.Min(room, bytes.Length)]);
        }
    }
}

/// <summary>One response as <see cref="ResponseAudit"/> saw it.</summary>
public sealed record AuditedResponse(string Method, string Path, int Status, TimeSpan Elapsed, string? ErrorBody)
{
    public override string ToString() => $"{Method} {Path} {Status} in {Elapsed.TotalMilliseconds:0} ms";
}
