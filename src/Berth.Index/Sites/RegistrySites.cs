using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Berth.Index.Data;
using Microsoft.EntityFrameworkCore;

namespace Berth.Index.Sites;

/// <summary>
/// The registries (sites) registered with the index: added, listed and removed by the CLI and the admin API. A
/// registry's name is the service its clients ask tokens for and the audience of those tokens.
/// </summary>
public sealed partial class RegistrySites
{
    private readonly IndexDbContextFactory _db;
    private readonly TimeProvider _time;

    public RegistrySites(IndexDbContextFactory db, TimeProvider time)
    {
        _db = db;
        _time = time;
    }

    /// <summary>Raised when a registry is removed or changed, so cached clients for it are dropped.</summary>
    internal event Action<string>? Changed;

    /// <summary>Registers a registry; without a secret one is generated. Returns the record (with its secret, shown once).</summary>
    public async Task<RegistryRecord> AddAsync(string name, Uri url, string? secret, string? pullHost, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!NamePattern().IsMatch(name) || name.Length > 64)
        {
            throw new IndexException($"Registry name '{name}' must be lowercase letters and digits separated by '.', '_' or '-' (at most 64); it is the registry's Auth:Service.");
        }

        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new IndexException($"Registry URL '{url}' is not an absolute http:// or https:// URL.");
        }

        if (secret is { Length: < 16 })
        {
            throw new IndexException("The event secret must have at least 16 characters.");
        }

        await using var db = _db.Create();
        if (await db.Registries.AnyAsync(r => r.Name == name, cancellationToken))
        {
            throw new IndexException($"A registry named '{name}' is already registered.");
        }

        var record = new RegistryRecord
        {
            Name = name,
            Url = url.ToString(),
            PullHost = pullHost ?? url.Authority,
            EventSecret = secret ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
            CreatedAt = _time.GetUtcNow().UtcDateTime,
        };
        db.Registries.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return record;
    }

    public async Task<IReadOnlyList<RegistryRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = _db.Create();
        return await db.Registries.AsNoTracking().OrderBy(r => r.Name).ToListAsync(cancellationToken);
    }

    public async Task<RegistryRecord?> FindAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = _db.Create();
        return await db.Registries.AsNoTracking().SingleOrDefaultAsync(r => r.Name == name, cancellationToken);
    }

    /// <summary>Whether tokens may be issued for this service: a registered registry's name.</summary>
    public async Task<bool> IsRegisteredAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = _db.Create();
        return await db.Registries.AnyAsync(r => r.Name == name, cancellationToken);
    }

    /// <summary>Removes the registration; its repositories stay in the index until resynchronised elsewhere. False when unknown.</summary>
    public async Task<bool> RemoveAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = _db.Create();
        var removed = await db.Registries.Where(r => r.Name == name).ExecuteDeleteAsync(cancellationToken) > 0;
        Changed?.Invoke(name);
        return removed;
    }

    internal async Task RecordErrorAsync(string name, string? error, CancellationToken cancellationToken)
    {
        var text = error is { Length: > 1024 } ? error[..1024] : error;
        await using var db = _db.Create();
        await db.Registries.Where(r => r.Name == name).ExecuteUpdateAsync(s => s.SetProperty(r => r.LastError, text), cancellationToken);
    }

    [GeneratedRegex("^[a-z0-9]+(?:[._-][a-z0-9]+)*$")]
    private static partial Regex NamePattern();
}
