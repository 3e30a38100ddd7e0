using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Berth.Index;
using Berth.Index.Data;
using Berth.Index.Data.Replication;
using Microsoft.EntityFrameworkCore;

namespace Berth.Replication.Model;

/// <summary>The replication targets in the index database: added, listed, removed (by the API, the CLI and the web UI).</summary>
public sealed partial class ReplicationTargets(IndexDbContextFactory db, TimeProvider time)
{
    /// <summary>Adds a target; <see cref="IndexException"/> says what is wrong with the spec.</summary>
    public async Task<TargetView> AddAsync(TargetSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Validate(spec);
        await using var context = db.Create();
        if (await context.ReplicationTargets.AnyAsync(t => t.Name == spec.Name, cancellationToken))
        {
            throw new IndexException($"A replication target named '{spec.Name}' exists already.");
        }

        var record = new ReplicationTargetRecord { Name = spec.Name, Url = spec.Url, CreatedAt = time.GetUtcNow().UtcDateTime };
        Apply(record, spec);
        context.ReplicationTargets.Add(record);
        await context.SaveChangesAsync(cancellationToken);
        return TargetView.Of(record);
    }

    /// <summary>
    /// Changes a target to the spec (its name stays). A spec without a secret keeps the stored one, so an edit need not
    /// know it. Null when there is none of that name; <see cref="IndexException"/> when the spec is wrong.
    /// </summary>
    public async Task<TargetView?> UpdateAsync(string name, TargetSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        await using var context = db.Create();
        var record = await context.ReplicationTargets.SingleOrDefaultAsync(t => t.Name == name, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var changed = spec with { Name = name, Secret = string.IsNullOrEmpty(spec.Secret) ? record.Secret : spec.Secret };
        Validate(changed);
        Apply(record, changed);
        await context.SaveChangesAsync(cancellationToken);
        return TargetView.Of(record);
    }

    public async Task<IReadOnlyList<TargetView>> ListAsync(CancellationToken cancellationToken)
    {
        await using var context = db.Create();
        var records = await context.ReplicationTargets.AsNoTracking().OrderBy(t => t.Name).ToListAsync(cancellationToken);
        return [.. records.Select(TargetView.Of)];
    }

    internal async Task<ReplicationTargetRecord?> FindAsync(string name, CancellationToken cancellationToken)
    {
        await using var context = db.Create();
        return await context.ReplicationTargets.AsNoTracking().SingleOrDefaultAsync(t => t.Name == name, cancellationToken);
    }

    /// <summary>Removes a target; refused while rules use it. False when there is none of that name.</summary>
    public async Task<bool> RemoveAsync(string name, CancellationToken cancellationToken)
    {
        await using var context = db.Create();
        var target = await context.ReplicationTargets.SingleOrDefaultAsync(t => t.Name == name, cancellationToken);
        if (target is null)
        {
            return false;
        }

        var rules = await context.ReplicationRules.Where(r => r.TargetId == target.Id).Select(r => r.Name).ToListAsync(cancellationToken);
        if (rules.Count > 0)
        {
            throw new IndexException($"Target '{name}' is used by rule(s) {string.Join(", ", rules)}; remove them first.");
        }

        context.ReplicationTargets.Remove(target);
        await context.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static void Apply(ReplicationTargetRecord record, TargetSpec spec)
    {
        record.Url = new Uri(spec.Url).ToString();
        record.CredentialKind = spec.CredentialKind;
        record.Username = spec.CredentialKind == ReplicationCredentialKind.Basic ? spec.Username : null;
        record.Secret = spec.CredentialKind == ReplicationCredentialKind.None ? null : spec.Secret;
        record.SkipTlsVerify = spec.SkipTlsVerify;
        record.CaCertificatePem = spec.CaCertificatePem;
    }

    private static void Validate(TargetSpec spec)
    {
        if (!NamePattern().IsMatch(spec.Name) || spec.Name.Length > 64)
        {
            throw new IndexException($"Target name '{spec.Name}' must be lowercase letters and digits separated by '.', '_' or '-' (at most 64).");
        }

        if (!Uri.TryCreate(spec.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
            || url.AbsolutePath != "/" || url.Query.Length > 0)
        {
            throw new IndexException($"Target URL '{spec.Url}' is not an absolute http:// or https:// URL of a registry's root (e.g. https://registry.example.com/).");
        }

        switch (spec.CredentialKind)
        {
            case ReplicationCredentialKind.Basic when string.IsNullOrEmpty(spec.Username) || string.IsNullOrEmpty(spec.Secret):
                throw new IndexException("Basic credentials need a username and a secret (the password).");
            case ReplicationCredentialKind.Token when string.IsNullOrEmpty(spec.Secret):
                throw new IndexException("Token credentials need a secret (the token).");
        }

        if (spec.CaCertificatePem is { } pem)
        {
            try
            {
                using var certificate = X509Certificate2.CreateFromPem(pem);
            }
            catch (Exception e) when (e is CryptographicException or ArgumentException)
            {
                throw new IndexException("The CA certificate is not a PEM certificate: " + e.Message);
            }
        }
    }

    [GeneratedRegex("^[a-z0-9]+(?:[._-][a-z0-9]+)*$")]
    private static partial Regex NamePattern();
}
