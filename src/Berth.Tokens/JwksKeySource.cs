using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Berth.Tokens;

/// <summary>
/// The index's public keys, fetched from its JWKS endpoint and cached. Refetched every KeysRefreshInterval, and sooner
/// when a token names an unknown key id (a rotation), at most once per few seconds so forged kids cannot flood the index.
/// </summary>
public sealed class JwksKeySource : ITokenKeySource, IDisposable
{
    /// <summary>Where the index publishes its keys, relative to its base URL.</summary>
    public const string JwksPath = ".well-known/jwks.json";

    private static readonly TimeSpan s_minimumRefetch = TimeSpan.FromSeconds(5);
    private readonly HttpClient _http;
    private readonly IOptions<AuthOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<JwksKeySource> _logger;
    private readonly SemaphoreSlim _fetchLock = new(1, 1);
    private ConcurrentDictionary<string, SecurityKey> _keys = new(StringComparer.Ordinal);
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;

    public JwksKeySource(HttpClient http, IOptions<AuthOptions> options, TimeProvider time, ILogger<JwksKeySource> logger)
    {
        _http = http;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public async ValueTask<SecurityKey?> FindKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var stale = now - _fetchedAt > _options.Value.KeysRefreshInterval;
        if (!stale && _keys.TryGetValue(keyId, out var key))
        {
            return key;
        }

        if (stale || now - _fetchedAt > s_minimumRefetch)
        {
            await FetchAsync(now, cancellationToken);
        }

        return _keys.GetValueOrDefault(keyId);
    }

    public void Dispose() => _fetchLock.Dispose();

    private async Task FetchAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await _fetchLock.WaitAsync(cancellationToken);
        try
        {
            if (now - _fetchedAt <= s_minimumRefetch)
            {
                return;
            }

            var indexUrl = _options.Value.IndexUrl ?? throw new InvalidOperationException("Auth:IndexUrl is required when the registry runs apart from the index.");
            var url = new Uri(indexUrl, JwksPath);
            try
            {
                var json = await _http.GetStringAsync(url, cancellationToken);
                var set = new JsonWebKeySet(json);
                var keys = new ConcurrentDictionary<string, SecurityKey>(StringComparer.Ordinal);
                foreach (var jwk in set.Keys.Where(k => !string.IsNullOrEmpty(k.Kid) && !k.HasPrivateKey))
                {
                    keys[jwk.Kid] = jwk;
                }

                _keys = keys;
                Log.KeysFetched(_logger, keys.Count, url);
            }
            catch (Exception e) when (e is HttpRequestException or ArgumentException or TaskCanceledException)
            {
                Log.KeysFetchFailed(_logger, url, e);
            }

            _fetchedAt = now;
        }
        finally
        {
            _fetchLock.Release();
        }
    }
}
