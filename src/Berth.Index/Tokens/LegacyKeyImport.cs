using System.Text.Json;
using Berth.Index.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Index.Tokens;

/// <summary>
/// Moves signing keys that earlier versions kept as files in DATA/keys into the index database, once: each key is
/// inserted unless the database has it; a key that was active becomes retired when the database already has an active
/// key (it keeps verifying the tokens it signed). The files are deleted afterwards, so the private keys live in one place.
/// </summary>
public sealed class LegacyKeyImport
{
    private readonly IndexDbContextFactory _db;
    private readonly string _directory;
    private readonly TimeProvider _time;
    private readonly ILogger<LegacyKeyImport> _logger;

    public LegacyKeyImport(IndexDbContextFactory db, IOptions<IndexOptions> index, TimeProvider time, ILogger<LegacyKeyImport> logger)
    {
        _db = db;
        _directory = Path.Combine(Path.GetFullPath(index.Value.DataDirectory), "keys");
        _time = time;
        _logger = logger;
    }

    public async Task ImportAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(_directory))
        {
            return;
        }

        var files = Directory.GetFiles(_directory, "*.json");
        var stored = new List<StoredKey>();
        foreach (var file in files)
        {
            await using var stream = File.OpenRead(file);
            if (await JsonSerializer.DeserializeAsync(stream, KeyJsonContext.Default.StoredKey, cancellationToken) is { } key)
            {
                stored.Add(key);
            }
        }

        var imported = 0;
        try
        {
            imported = await InsertAsync(stored, cancellationToken);
        }
        catch (Exception e) when (SigningKeyStore.IsConflict(e))
        {
            // Another node sharing this folder imported them at the same moment.
        }

        foreach (var file in files)
        {
            File.Delete(file);
        }

        if (!Directory.EnumerateFileSystemEntries(_directory).Any())
        {
            Directory.Delete(_directory);
        }

        Log.KeysImported(_logger, imported, _directory);
    }

    private async Task<int> InsertAsync(List<StoredKey> stored, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        await using var db = _db.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var hasActive = await db.SigningKeys.AnyAsync(k => k.Active == true, cancellationToken);
        var imported = 0;
        foreach (var key in stored.OrderByDescending(k => k.CreatedAt))
        {
            if (await db.SigningKeys.AnyAsync(k => k.KeyId == key.KeyId, cancellationToken))
            {
                continue;
            }

            var active = key.RetiredAt is null && !hasActive;
            hasActive |= active;
            db.SigningKeys.Add(new SigningKeyRecord
            {
                KeyId = key.KeyId,
                CreatedAt = key.CreatedAt.UtcDateTime,
                RetiredAt = active ? null : key.RetiredAt?.UtcDateTime ?? now,
                Active = active ? true : null,
                PrivateKey = key.PrivateKey,
            });
            imported++;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return imported;
    }
}
