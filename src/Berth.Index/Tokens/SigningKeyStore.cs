using System.Data.Common;
using System.Security.Cryptography;
using Berth.Index.Data;
using Berth.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Index.Tokens;

/// <summary>
/// The token signing keys, kept in the index database (table SigningKeys) so that every index node shares them. The
/// first node to need a key creates it; a unique index on the active marker makes a second, racing node fail and use
/// the winner's key instead. Rotation retires the active key and creates a new one; retired keys keep verifying (and
/// stay published) until every token they signed has expired, then are deleted. Each node re-reads the keys every few
/// seconds, and at once (at most once a second) when asked for a key id it does not know.
/// </summary>
public sealed class SigningKeyStore : IDisposable
{
    private static readonly TimeSpan s_reloadInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_unknownKeyReload = TimeSpan.FromSeconds(1);
    private const int MaxAttempts = 5;
    private readonly IndexDbContextFactory _db;
    private readonly IOptions<IndexOptions> _index;
    private readonly IOptions<AuthOptions> _auth;
    private readonly TimeProvider _time;
    private readonly ILogger<SigningKeyStore> _logger;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private IReadOnlyList<SigningKey> _keys = [];
    private DateTimeOffset _loadedAt = DateTimeOffset.MinValue;

    public SigningKeyStore(IndexDbContextFactory db, IOptions<IndexOptions> index, IOptions<AuthOptions> auth, TimeProvider time, ILogger<SigningKeyStore> logger)
    {
        _db = db;
        _index = index;
        _auth = auth;
        _time = time;
        _logger = logger;
    }

    /// <summary>How long a retired key must keep verifying: the longest a token it signed can live.</summary>
    private TimeSpan RetiredKeyLifetime => _index.Value.RefreshTokenLifetime + _auth.Value.TokenLifetime + _auth.Value.ClockSkew;

    /// <summary>The key that signs new tokens; created when there is none (by this node or a racing one).</summary>
    public async Task<SigningKey> GetActiveKeyAsync(CancellationToken cancellationToken)
    {
        if ((await GetKeysAsync(false, cancellationToken)).FirstOrDefault(k => k.RetiredAt is null) is { } active)
        {
            return active;
        }

        for (var attempt = 1; ; attempt++)
        {
            if ((await GetKeysAsync(true, cancellationToken)).FirstOrDefault(k => k.RetiredAt is null) is { } existing)
            {
                return existing;
            }

            try
            {
                return await CreateAsync(retireActive: false, cancellationToken);
            }
            catch (Exception e) when (attempt < MaxAttempts && IsConflict(e))
            {
                // Another node created the key first: the reload above finds it.
            }
        }
    }

    /// <summary>Every key that may verify a token now: the active one and those retired within a token's lifetime.</summary>
    public async Task<IReadOnlyList<SigningKey>> GetKeysAsync(bool reload, CancellationToken cancellationToken)
    {
        if (reload || _time.GetUtcNow() - _loadedAt > s_reloadInterval)
        {
            await ReloadAsync(TimeSpan.Zero, cancellationToken);
        }

        return _keys;
    }

    /// <summary>The key with this id, re-reading the database when it is unknown (another node may just have rotated).</summary>
    public async Task<SigningKey?> FindKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        var key = (await GetKeysAsync(false, cancellationToken)).FirstOrDefault(k => k.KeyId == keyId);
        if (key is null)
        {
            await ReloadAsync(s_unknownKeyReload, cancellationToken);
            key = _keys.FirstOrDefault(k => k.KeyId == keyId);
        }

        return key;
    }

    /// <summary>Retires the active key (if any), creates a new one and deletes keys no token can still need.</summary>
    public async Task<SigningKey> RotateAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var created = await CreateAsync(retireActive: true, cancellationToken);
                await ReloadAsync(TimeSpan.Zero, cancellationToken);
                return created;
            }
            catch (Exception e) when (attempt < MaxAttempts && IsConflict(e))
            {
                // A racing rotation (or first start) won; retire its key in turn.
            }
        }
    }

    public void Dispose() => _lock.Dispose();

    /// <summary>A unique-index violation or a write conflict: what a racing node causes.</summary>
    internal static bool IsConflict(Exception e) => e is DbUpdateException or DbException;

    private async Task<SigningKey> CreateAsync(bool retireActive, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var created = new SigningKey(SigningKey.Thumbprint(ecdsa), ecdsa, now, null);
        await using var db = _db.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (retireActive)
        {
            foreach (var active in await db.SigningKeys.Where(k => k.Active == true).ToListAsync(cancellationToken))
            {
                active.Active = null;
                active.RetiredAt = now;
            }

            await db.SaveChangesAsync(cancellationToken);
            var expired = now - RetiredKeyLifetime;
            await db.SigningKeys.Where(k => k.RetiredAt != null && k.RetiredAt < expired).ExecuteDeleteAsync(cancellationToken);
        }

        db.SigningKeys.Add(new SigningKeyRecord
        {
            KeyId = created.KeyId,
            CreatedAt = now,
            Active = true,
            PrivateKey = Convert.ToBase64String(ecdsa.ExportPkcs8PrivateKey()),
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Log.KeyCreated(_logger, created.KeyId);
        return created;
    }

    private async Task ReloadAsync(TimeSpan ifOlderThan, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            var now = _time.GetUtcNow();
            if (now - _loadedAt < ifOlderThan)
            {
                return;
            }

            var oldest = (now - RetiredKeyLifetime).UtcDateTime;
            await using var db = _db.Create();
            var records = await db.SigningKeys.AsNoTracking()
                .Where(k => k.RetiredAt == null || k.RetiredAt > oldest)
                .OrderByDescending(k => k.CreatedAt)
                .ToListAsync(cancellationToken);
            var known = _keys.ToDictionary(k => k.KeyId, StringComparer.Ordinal);
            _keys = [.. records.Select(r => Load(r, known))];
            _loadedAt = now;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Keeps the already imported key object when only the retirement changed, so reloading stays cheap.</summary>
    private static SigningKey Load(SigningKeyRecord record, Dictionary<string, SigningKey> known)
    {
        var retiredAt = record.RetiredAt is { } retired ? new DateTimeOffset(DateTime.SpecifyKind(retired, DateTimeKind.Utc)) : (DateTimeOffset?)null;
        var createdAt = new DateTimeOffset(DateTime.SpecifyKind(record.CreatedAt, DateTimeKind.Utc));
        if (known.TryGetValue(record.KeyId, out var key))
        {
            return key.RetiredAt == retiredAt ? key : key with { RetiredAt = retiredAt };
        }

        var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(Convert.FromBase64String(record.PrivateKey), out _);
        return new SigningKey(record.KeyId, ecdsa, createdAt, retiredAt);
    }
}
