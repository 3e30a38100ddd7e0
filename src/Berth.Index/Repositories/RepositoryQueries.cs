using Berth.Index.Accounts;
using Berth.Index.Data;
using Berth.Index.Metadata;
using Berth.Index.Permissions;
using Berth.Index.Sites;
using Berth.Registry.Content;
using Berth.Tokens;
using Microsoft.EntityFrameworkCore;

namespace Berth.Index.Repositories;

/// <summary>
/// What the UI and the API show of repositories, always as the viewer may see it: a repository the viewer may not
/// read is reported as absent (null), never as forbidden, so its existence does not leak.
/// </summary>
public sealed class RepositoryQueries
{
    private readonly IndexDbContextFactory _db;
    private readonly PermissionService _permissions;
    private readonly ReadmeRenderer _readme;
    private readonly RegistryContentReaders _registries;
    private readonly MetadataBackfill _backfill;

    public RepositoryQueries(IndexDbContextFactory db, PermissionService permissions, ReadmeRenderer readme, RegistryContentReaders registries, MetadataBackfill backfill)
    {
        _db = db;
        _permissions = permissions;
        _readme = readme;
        _registries = registries;
        _backfill = backfill;
    }

    public async Task<RepositoryPage> ListAsync(RepositoryListRequest request, IndexPrincipal? viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var page = Math.Max(1, request.Page);
        var size = Math.Clamp(request.PageSize, 1, RepositoryListRequest.MaxPageSize);
        await using var db = _db.Create();
        var scope = await ReadableScope.ForAsync(db, viewer, cancellationToken);
        var query = scope.Apply(db.Repositories.AsNoTracking());
        if (RepositorySearch.MatchingIds(db, request.Query) is { } ids)
        {
            query = query.Where(r => ids.Contains(r.Id));
        }

        if (!string.IsNullOrEmpty(request.Namespace))
        {
            query = query.Where(r => r.Namespace == request.Namespace);
        }

        if (!string.IsNullOrEmpty(request.StarredBy))
        {
            var starred = db.Stars.Join(db.Users.Where(u => u.Name == request.StarredBy), s => s.UserId, u => u.Id, (s, _) => s.RepositoryId);
            query = query.Where(r => starred.Contains(r.Id));
        }

        var total = await query.CountAsync(cancellationToken);
        var ordered = request.Sort switch
        {
            RepositorySort.Stars => query.OrderByDescending(r => r.StarCount).ThenBy(r => r.Name),
            RepositorySort.Pulls => query.OrderByDescending(r => r.PullCount).ThenBy(r => r.Name),
            RepositorySort.Name => query.OrderBy(r => r.Name),
            _ => query.OrderByDescending(r => r.UpdatedAt).ThenBy(r => r.Name),
        };
        var rows = await ordered.Skip((page - 1) * size).Take(size).ToListAsync(cancellationToken);
        return new RepositoryPage([.. rows.Select(Summarize)], total, page, size);
    }

    public async Task<RepositoryDetail?> GetAsync(string name, IndexPrincipal? viewer, CancellationToken cancellationToken)
    {
        await using var db = _db.Create();
        var repository = await FindReadableAsync(db, name, viewer, cancellationToken);
        if (repository is null)
        {
            return null;
        }

        var tags = await db.Tags.AsNoTracking().Where(t => t.RepositoryId == repository.Id)
            .OrderByDescending(t => t.PushedAt).ThenBy(t => t.Name).ToListAsync(cancellationToken);
        var starred = viewer is not null && await db.Stars.AnyAsync(s => s.RepositoryId == repository.Id && s.UserId == viewer.UserId, cancellationToken);
        var actions = await ActionsAsync(viewer, repository.Name, cancellationToken);
        return new RepositoryDetail(
            Summarize(repository),
            repository.Readme,
            _readme.Render(repository.Readme),
            [.. tags.Select(ToSummary)],
            starred,
            actions.Contains(PermissionService.Push),
            actions.Contains(PermissionService.Delete),
            repository.RegistryName is { } registry ? await db.Registries.Where(r => r.Name == registry).Select(r => r.PullHost).SingleOrDefaultAsync(cancellationToken) : null);
    }

    public async Task<TagDetail?> GetTagAsync(string name, string tag, IndexPrincipal? viewer, CancellationToken cancellationToken)
    {
        await using var db = _db.Create();
        var repository = await FindReadableAsync(db, name, viewer, cancellationToken);
        var row = repository is null ? null : await db.Tags.AsNoTracking().SingleOrDefaultAsync(t => t.RepositoryId == repository.Id && t.Name == tag, cancellationToken);
        if (repository is null || row is null)
        {
            return null;
        }

        var manifest = await ManifestAsync(db, repository, row.Digest, cancellationToken);
        return manifest is null ? null : new TagDetail(repository.Name, ToSummary(row), MetadataJson.Labels(row.LabelsJson), manifest);
    }

    public async Task<ManifestDetail?> GetManifestAsync(string name, string digest, IndexPrincipal? viewer, CancellationToken cancellationToken)
    {
        await using var db = _db.Create();
        var repository = await FindReadableAsync(db, name, viewer, cancellationToken);
        return repository is null ? null : await ManifestAsync(db, repository, digest, cancellationToken);
    }

    /// <summary>The actions (pull, push, delete) the viewer has on a repository, by the token service's rules.</summary>
    public async Task<IReadOnlySet<string>> ActionsAsync(IndexPrincipal? viewer, string name, CancellationToken cancellationToken)
    {
        var decision = await _permissions.DecideAsync(viewer, [new TokenAccessEntry("repository", name, ["pull", "push", "delete"])], cancellationToken);
        return decision.Granted.SelectMany(g => g.Actions).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The record when the viewer may read it; a repository the registry has but the index never heard of is indexed first.</summary>
    internal async Task<RepositoryRecord?> FindReadableAsync(IndexDbContext db, string name, IndexPrincipal? viewer, CancellationToken cancellationToken)
    {
        var repository = await db.Repositories.AsNoTracking().SingleOrDefaultAsync(r => r.Name == name, cancellationToken);
        if ((repository is null || repository.LastPushedAt is null) && await _backfill.IndexRepositoryAsync(name, cancellationToken))
        {
            repository = await db.Repositories.AsNoTracking().SingleOrDefaultAsync(r => r.Name == name, cancellationToken);
        }

        if (repository is null)
        {
            return null;
        }

        var scope = await ReadableScope.ForAsync(db, viewer, cancellationToken);
        return scope.CanRead(repository) ? repository : null;
    }

    internal static RepositorySummary Summarize(RepositoryRecord r) =>
        new(r.Name, r.Namespace, r.Description, r.Visibility, r.StarCount, r.PullCount, r.TotalSize, r.LastPushedAt, r.UpdatedAt, r.RegistryName);

    private static TagSummary ToSummary(TagRecord t) =>
        new(t.Name, t.Digest, t.MediaType, t.Size, MetadataJson.Strings(t.PlatformsJson), t.CreatedAt, t.PushedAt);

    private async Task<ManifestDetail?> ManifestAsync(IndexDbContext db, RepositoryRecord repository, string digest, CancellationToken cancellationToken)
    {
        var m = await db.Manifests.AsNoTracking().SingleOrDefaultAsync(x => x.RepositoryId == repository.Id && x.Digest == digest, cancellationToken);
        if (m is null)
        {
            return null;
        }

        var tags = await db.Tags.Where(t => t.RepositoryId == repository.Id && t.Digest == digest).OrderBy(t => t.Name).Select(t => t.Name).ToListAsync(cancellationToken);
        var referrers = await ReferrersAsync(db, repository, digest, cancellationToken);
        var config = m.ConfigDigest is null ? null : new LayerInfo(m.ConfigMediaType ?? string.Empty, m.ConfigDigest, m.ConfigSize ?? 0);
        var children = MetadataJson.Descriptors(m.ChildrenJson);
        var childDigests = children.Select(d => d.Digest).ToList();
        HashSet<string> pushed = childDigests.Count == 0 ? [] : (await db.Manifests
            .Where(x => x.RepositoryId == repository.Id && childDigests.Contains(x.Digest))
            .Select(x => x.Digest)
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        return new ManifestDetail(
            repository.Name,
            m.Digest,
            m.MediaType,
            m.Size,
            m.TotalSize,
            m.ArtifactType,
            config,
            [.. MetadataJson.Descriptors(m.LayersJson).Select(d => new LayerInfo(d.MediaType, d.Digest, d.Size))],
            [.. children.Select(d => new PlatformManifest(d.MediaType, d.Digest, d.Size, d.Platform, pushed.Contains(d.Digest)))],
            m.Platform,
            m.CreatedAt,
            m.PushedAt,
            MetadataJson.Labels(m.LabelsJson),
            tags,
            referrers,
            m.SubjectDigest);
    }

    /// <summary>From the referrer index of the registry the repository lives in, else (not reachable) from the manifests the index recorded.</summary>
    private async Task<IReadOnlyList<ReferrerInfo>> ReferrersAsync(IndexDbContext db, RepositoryRecord repository, string digest, CancellationToken cancellationToken)
    {
        if (Digest.TryParse(digest, out var subject)
            && await _registries.ForAsync(repository.RegistryName, cancellationToken) is { IsAvailable: true } registry)
        {
            try
            {
                var listed = await registry.ListReferrersAsync(repository.Name, subject, cancellationToken);
                return [.. listed.Select(d => new ReferrerInfo(d.MediaType, d.Digest.ToString(), d.Size, d.ArtifactType, d.Annotations ?? new Dictionary<string, string>()))];
            }
            catch (Exception e) when (e is HttpRequestException or Client.RegistryClientException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // A registry that does not answer leaves the page with what the index recorded.
            }
        }

        var rows = await db.Manifests.AsNoTracking().Where(x => x.RepositoryId == repository.Id && x.SubjectDigest == digest).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new ReferrerInfo(r.MediaType, r.Digest, r.Size, r.ArtifactType ?? r.ConfigMediaType, new Dictionary<string, string>()))];
    }
}
