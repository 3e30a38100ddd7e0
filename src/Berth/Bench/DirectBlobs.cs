using System.Collections.Concurrent;
using System.Net;

namespace Berth.Bench;

/// <summary>
/// The blob URLs a registry redirected to (presigned URLs on its store), fetched straight from there on later pulls
/// with a client of their own, which carries no registry credentials: the store's throughput without the registry.
/// </summary>
internal sealed class DirectBlobs : IDisposable
{
    private readonly ConcurrentDictionary<string, Uri> _urls = new(StringComparer.Ordinal);
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        AllowAutoRedirect = false,
    });

    /// <summary>Remembers where a registry's answer for the blob came from, when that was not the registry itself.</summary>
    public void Remember(string digest, Uri registry, Uri? source)
    {
        if (source is not null && source.Authority != registry.Authority)
        {
            _urls.TryAdd(digest, source);
        }
    }

    /// <summary>The blob's bytes from the store, or null when the registry never redirected it.</summary>
    public async Task<HttpResponseMessage?> GetAsync(string digest, CancellationToken cancellationToken)
    {
        if (!_urls.TryGetValue(digest, out var url))
        {
            return null;
        }

        var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            response.Dispose();
            throw new BenchCheckException($"the store answered {(int)response.StatusCode} for {digest} at its redirected URL");
        }

        return response;
    }

    public void Dispose() => _http.Dispose();
}
