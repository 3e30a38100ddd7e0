using System.Security.Cryptography;
using Berth.Index.Accounts;
using Berth.Index.Data;
using Berth.Index.Tokens;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Index;

/// <summary>
/// Brings the index to a usable state: schema migrated, key files of earlier versions imported, a signing key and an
/// administrator on first start. Several nodes may run this at once on one database: EF Core's migration lock
/// serialises the migrations, the key store's unique active marker the first key, and the users' unique name the admin.
/// </summary>
public sealed class IndexInitializer
{
    private readonly IndexDbContextFactory _db;
    private readonly SigningKeyStore _keys;
    private readonly LegacyKeyImport _import;
    private readonly AccountService _accounts;
    private readonly IOptions<IndexOptions> _options;
    private readonly ILogger<IndexInitializer> _logger;

    public IndexInitializer(IndexDbContextFactory db, SigningKeyStore keys, LegacyKeyImport import, AccountService accounts, IOptions<IndexOptions> options, ILogger<IndexInitializer> logger)
    {
        _db = db;
        _keys = keys;
        _import = import;
        _accounts = accounts;
        _options = options;
        _logger = logger;
    }

    /// <summary>Applies migrations; when bootstrap is set, also creates the key and the first administrator.</summary>
    public async Task InitializeAsync(bool bootstrap, CancellationToken cancellationToken)
    {
        await _db.MigrateAsync(cancellationToken);
        await _import.ImportAsync(cancellationToken);
        if (!bootstrap)
        {
            return;
        }

        await _keys.GetActiveKeyAsync(cancellationToken);
        if (await _accounts.AnyUserAsync(cancellationToken))
        {
            return;
        }

        var options = _options.Value;
        var generated = options.AdminPassword is null;
        var password = options.AdminPassword ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
        try
        {
            await _accounts.CreateUserAsync(options.AdminUser, password, isAdmin: true, "bootstrap", cancellationToken);
        }
        catch (Exception e) when (e is IndexException || SigningKeyStore.IsConflict(e))
        {
            // A node starting at the same moment created the administrator; its password is the one that counts.
            return;
        }

        Log.AdminCreated(_logger, options.AdminUser);
        if (generated)
        {
            // Printed to the console, never to the log, and only this once: the log may be shipped elsewhere.
            await Console.Out.WriteLineAsync($"Berth created the administrator '{options.AdminUser}' with the password: {password}");
            await Console.Out.WriteLineAsync("It is shown only once. Change it with: berth user passwd " + options.AdminUser);
        }
    }
}
