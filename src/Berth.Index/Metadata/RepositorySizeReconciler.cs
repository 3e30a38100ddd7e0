using Berth.Index.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Berth.Index.Metadata;

/// <summary>
/// Counts every repository's size again from its manifests (<see cref="RepositorySizes.ReconcileAsync"/>), one
/// repository at a time under its lock, so that a total kept by difference cannot stay wrong: what another index node
/// raced on, or what was recorded before sizes were kept by difference, is put right.
/// </summary>
internal sealed class RepositorySizeReconciler
{
    private readonly IndexDbContextFactory _db;
    private readonly MetadataApplier _applier;
    private readonly ILogger<RepositorySizeReconciler> _logger;

    public RepositorySizeReconciler(IndexDbContextFactory db, MetadataApplier applier, ILogger<RepositorySizeReconciler> logger)
    {
        _db = db;
        _applier = applier;
        _logger = logger;
    }

    /// <summary>Reconciles every repository; returns how many had drifted.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        List<string> names;
        await using (var db = _db.Create())
        {
            names = await db.Repositories.AsNoTracking().OrderBy(r => r.Id).Select(r => r.Name).ToListAsync(cancellationToken);
        }

        var drifted = 0;
        foreach (var name in names)
        {
            using var turn = await _applier.Repositories.AcquireAsync(name, cancellationToken);
            await using var db = _db.Create();
            if (await db.Repositories.SingleOrDefaultAsync(r => r.Name == name, cancellationToken) is { } repository
                && await RepositorySizes.ReconcileAsync(db, repository, cancellationToken))
            {
                await db.SaveChangesAsync(cancellationToken);
                drifted++;
            }
        }

        if (drifted > 0)
        {
            Log.SizesReconciled(_logger, drifted, names.Count);
        }

        return drifted;
    }
}
