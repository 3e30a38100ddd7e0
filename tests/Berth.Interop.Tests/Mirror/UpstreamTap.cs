using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Interop.Tests.Mirror;

/// <summary>
/// Middleware in front of an upstream Berth: counts the blob GETs it receives (what the mirror costs the upstream),
/// and can hold blob responses back, stall them part way, or corrupt their bytes, to exercise the mirror's fills.
/// </summary>
public sealed class UpstreamTap
{
    private readonly ConcurrentDictionary<string, int> _blobGets = new(StringComparer.Ordinal);

    /// <summary>Awaited before a blob GET is answered, so that every client of a test arrives during one fill.</summary>
    public Task? HoldBlobGets { get; set; }

    /// <summary>When set, blob bodies pause after this many bytes until <see cref="ResumeStalled"/> completes.</summary>
    public long? StallAfterBytes { get; set; }

    public TaskCompletionSource ResumeStalled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Blob GETs whose digest ends with this are answered with one byte flipped.</summary>
    public string? CorruptDigest { get; set; }

    public int BlobGets(string digest) => _blobGets.Where(e => e.Key.EndsWith(digest, StringComparison.Ordinal)).Sum(e => e.Value);

    public int TotalBlobGets => _blobGets.Values.Sum();

    public void Install(WebApplicationBuilder builder) => builder.Services.AddSingleton<IStartupFilter>(new Filter(this));

    private async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (!HttpMethods.IsGet(context.Request.Method) || !path.Contains("/blobs/sha256:", StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        _blobGets.AddOrUpdate(path, 1, (_, n) => n + 1);
        if (HoldBlobGets is { } hold)
        {
            await hold;
        }

        var corrupt = CorruptDigest is { } digest && path.EndsWith(digest, StringComparison.Ordinal);
        if (!corrupt && StallAfterBytes is null)
        {
            await next(context);
            return;
        }

        var original = context.Response.Body;
        await using var tapped = new TappedStream(original, corrupt, StallAfterBytes, ResumeStalled.Task);
        context.Response.Body = tapped;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
    }

    private sealed class Filter(UpstreamTap tap) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) => tap.InvokeAsync(context, following));
            next(app);
        };
    }
}
