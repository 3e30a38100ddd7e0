using Berth.Index.Data;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Index.Authentication;

/// <summary>
/// Moves the data-protection keys earlier versions kept in DATA/keys/data-protection into the index database, once,
/// so sessions signed in before the upgrade stay valid: each key file is inserted unless the database has a key of
/// that name, then the files are deleted.
/// </summary>
internal sealed class DataProtectionKeyImport
{
    private readonly IndexDbContextFactory _db;
    private readonly string _directory;
    private readonly ILogger<DataProtectionKeyImport> _logger;

    public DataProtectionKeyImport(IndexDbContextFactory db, IOptions<IndexOptions> index, ILogger<DataProtectionKeyImport> logger)
    {
        _db = db;
        _directory = Path.Combine(Path.GetFullPath(index.Value.DataDirectory), "keys", "data-protection");
        _logger = logger;
    }

    public async Task ImportAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(_directory))
        {
            return;
        }

        var files = Directory.GetFiles(_directory, "*.xml");
        await using (var db = _db.Create())
        {
            var known = (await db.DataProtectionKeys.Select(k => k.FriendlyName).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
            foreach (var file in files)
            {
                var name = Path.GetFileNameWithoutExtension(file);
                if (known.Add(name))
                {
                    db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = name, Xml = await File.ReadAllTextAsync(file, cancellationToken) });
                }
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        foreach (var file in files)
        {
            File.Delete(file);
        }

        if (!Directory.EnumerateFileSystemEntries(_directory).Any())
        {
            Directory.Delete(_directory);
        }

        Log.DataProtectionKeysImported(_logger, files.Length, _directory);
    }
}
