using System.Security.Cryptography;
using System.Text.Json;
using Berth.Registry.Api.Auth;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Index.Tokens;

/// <summary>
/// The token signing keys, one JSON file per key in DATA/keys (mode 0600). Generated on first use; rotation retires the
/// active key and creates a new one; retired keys keep verifying until every token they signed has expired, then
/// are deleted. Re-read from disk every few seconds so a rotation by the CLI reaches a running server.
/// </summary>
public sealed class SigningKeyStore : IDisposable
{
    private static readonly TimeSpan s_reloadInterval = TimeSpan.FromSeconds(5);
    private readonly string _directory;
    private readonly IOptions<IndexOptions> _index;
    private readonly IOptions<AuthOptions> _auth;
    private readonly TimeProvider _time;
    private readonly ILogger<SigningKeyStore> _logger;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private IReadOnlyList<SigningKey> _keys = [];
    private DateTimeOffset _loadedAt = DateTimeOffset.MinValue;

    public SigningKeyStore(IOptions<IndexOptions> index, IOptions<AuthOptions> auth, TimeProvider time, ILogger<SigningKeyStore> logger)
    {
        _directory = Path.Combine(Path.GetFullPath(index.Value.DataDirectory), "keys");
        _index = index;
        _auth = auth;
        _time = time;
        _logger = logger;
    }

    /// <summary>The key that signs new tokens; created when there is none.</summary>
    public async Task<SigningKey> GetActiveKeyAsync(CancellationToken cancellationToken)
    {
        var keys = await GetKeysAsync(false, cancellationToken);
        if (keys.FirstOrDefault(k => k.RetiredAt is null) is { } active)
        {
            return active;
        }

        await RotateAsync(cancellationToken);
        return (await GetKeysAsync(true, cancellationToken)).First(k => k.RetiredAt is null);
    }

    /// <summary>Every key that may verify a token now: the active one and those retired within a token's lifetime.</summary>
    public async Task<IReadOnlyList<SigningKey>> GetKeysAsync(bool reload, CancellationToken cancellationToken)
    {
        if (reload || _time.GetUtcNow() - _loadedAt > s_reloadInterval)
        {
            await _lock.WaitAsync(cancellationToken);
            try
            {
                _keys = Load();
                _loadedAt = _time.GetUtcNow();
            }
            finally
            {
                _lock.Release();
            }
        }

        return _keys;
    }

    /// <summary>Retires the active key (if any), creates a new one and deletes keys no token can still need.</summary>
    public async Task<SigningKey> RotateAsync(CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(_directory);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(_directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            var now = _time.GetUtcNow();
            foreach (var key in Load().Where(k => k.RetiredAt is null))
            {
                Write(key with { RetiredAt = now });
            }

            var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var created = new SigningKey(SigningKey.Thumbprint(ecdsa), ecdsa, now, null);
            Write(created);
            Log.KeyCreated(_logger, created.KeyId);
            _keys = Load();
            _loadedAt = now;
            return created;
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose() => _lock.Dispose();

    private List<SigningKey> Load()
    {
        if (!Directory.Exists(_directory))
        {
            return [];
        }

        var now = _time.GetUtcNow();
        var keep = _index.Value.RefreshTokenLifetime + _auth.Value.TokenLifetime + _auth.Value.ClockSkew;
        var keys = new List<SigningKey>();
        foreach (var file in Directory.EnumerateFiles(_directory, "*.json"))
        {
            var stored = JsonSerializer.Deserialize(File.ReadAllText(file), KeyJsonContext.Default.StoredKey);
            if (stored is null)
            {
                continue;
            }

            if (stored.RetiredAt is { } retired && now - retired > keep)
            {
                File.Delete(file);
                continue;
            }

            var ecdsa = ECDsa.Create();
            ecdsa.ImportPkcs8PrivateKey(Convert.FromBase64String(stored.PrivateKey), out _);
            keys.Add(new SigningKey(stored.KeyId, ecdsa, stored.CreatedAt, stored.RetiredAt));
        }

        return [.. keys.OrderByDescending(k => k.CreatedAt)];
    }

    private void Write(SigningKey key)
    {
        var stored = new StoredKey(key.KeyId, key.CreatedAt, key.RetiredAt, Convert.ToBase64String(key.Key.ExportPkcs8PrivateKey()));
        var path = Path.Combine(_directory, key.KeyId + ".json");
        var temp = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temp, options))
        {
            JsonSerializer.Serialize(stream, stored, KeyJsonContext.Default.StoredKey);
        }

        File.Move(temp, path, overwrite: true);
    }
}
