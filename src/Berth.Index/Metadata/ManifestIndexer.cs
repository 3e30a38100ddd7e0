using System.Text.Json;
using Berth.Index.Data;
using Berth.Registry;
using Berth.Registry.Content;
using Berth.Registry.Manifests;
using Microsoft.EntityFrameworkCore;

namespace Berth.Index.Metadata;

/// <summary>
/// Turns a pushed manifest into a <see cref="ManifestRecord"/>: layers and config with sizes, the config's created
/// time, platform and labels (<see cref="ImageConfigDetails"/>, carried by the push event or read through the registry),
/// an index's platform manifests.
/// </summary>
internal sealed class ManifestIndexer(IRegistryContentReader registry)
{
    /// <summary>
    /// Records the manifest (again, when already known); indexes an index's children it has not seen first. A manifest
    /// new to the repository adds what it references to the repository's size.
    /// </summary>
    public async Task<ManifestRecord> IndexAsync(IndexDbContext db, RepositoryRecord repository, StoredManifest manifest, DateTime pushedAt, CancellationToken cancellationToken)
    {
        var digest = manifest.Digest.ToString();
        var row = await db.Manifests.SingleOrDefaultAsync(m => m.RepositoryId == repository.Id && m.Digest == digest, cancellationToken);
        if (row is not null)
        {
            await FillAsync(db, repository, manifest, row, pushedAt, cancellationToken);
            return row;
        }

        row = new ManifestRecord { RepositoryId = repository.Id, Digest = digest, MediaType = manifest.MediaType, PushedAt = pushedAt };
        db.Manifests.Add(row);
        await FillAsync(db, repository, manifest, row, pushedAt, cancellationToken);
        await RepositorySizes.AddAsync(db, repository, row, cancellationToken);
        return row;
    }

    private async Task FillAsync(IndexDbContext db, RepositoryRecord repository, StoredManifest manifest, ManifestRecord row, DateTime pushedAt, CancellationToken cancellationToken)
    {
        row.MediaType = manifest.MediaType;
        row.Size = manifest.Content.Length;
        row.TotalSize = manifest.Content.Length;
        ParsedManifest parsed;
        try
        {
            parsed = ManifestParser.Parse(manifest.Content, null);
        }
        catch (RegistryException)
        {
            return;
        }

        row.ArtifactType = parsed.ArtifactType;
        row.SubjectDigest = parsed.Subject?.Digest.ToString();
        if (parsed.IsIndex)
        {
            await IndexChildrenAsync(db, repository, manifest, row, pushedAt, cancellationToken);
        }
        else
        {
            await IndexImageAsync(repository, parsed, row, cancellationToken);
        }
    }

    private async Task IndexImageAsync(RepositoryRecord repository, ParsedManifest parsed, ManifestRecord row, CancellationToken cancellationToken)
    {
        var layers = parsed.Layers.Select(l => new StoredDescriptor(l.MediaType, l.Digest.ToString(), l.Size)).ToList();
        row.LayersJson = MetadataJson.Write(layers);
        row.TotalSize += layers.Sum(l => l.Size) + (parsed.Config?.Size ?? 0);
        if (parsed.Config is not { } config)
        {
            return;
        }

        row.ConfigDigest = config.Digest.ToString();
        row.ConfigMediaType = config.MediaType;
        row.ConfigSize = config.Size;
        if (await registry.ReadConfigAsync(repository.Name, config.Digest, cancellationToken) is { } details)
        {
            row.CreatedAt = details.Created;
            row.Platform = details.Platform;
            row.LabelsJson = MetadataJson.Write(details.Labels);
        }
    }

    private async Task IndexChildrenAsync(IndexDbContext db, RepositoryRecord repository, StoredManifest manifest, ManifestRecord row, DateTime pushedAt, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(manifest.Content);
        var children = new List<StoredDescriptor>();
        if (document.RootElement.TryGetProperty("manifests", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object || Text(item, "digest") is not { } childDigest)
                {
                    continue;
                }

                var mediaType = Text(item, "mediaType") ?? string.Empty;
                var size = item.TryGetProperty("size", out var s) && s.TryGetInt64(out var n) ? n : 0;
                var platform = item.TryGetProperty("platform", out var p) && p.ValueKind == JsonValueKind.Object ? ImageConfigDetails.PlatformOf(p) : null;
                children.Add(new StoredDescriptor(mediaType, childDigest, size, platform));
            }
        }

        row.ChildrenJson = MetadataJson.Write(children);
        foreach (var child in children)
        {
            var known = db.Manifests.Local.FirstOrDefault(m => m.RepositoryId == repository.Id && m.Digest == child.Digest)
                ?? await db.Manifests.SingleOrDefaultAsync(m => m.RepositoryId == repository.Id && m.Digest == child.Digest, cancellationToken);
            if (known is null && await registry.GetManifestAsync(repository.Name, child.Digest, cancellationToken) is { } stored && !MediaTypes.IsIndex(stored.MediaType))
            {
                known = await IndexAsync(db, repository, stored, pushedAt, cancellationToken);
            }

            row.TotalSize += known?.TotalSize ?? child.Size;
            if (known is not null)
            {
                row.CreatedAt = Max(row.CreatedAt, known.CreatedAt);
                row.LabelsJson ??= child.Platform is "unknown/unknown" ? null : known.LabelsJson;
            }
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTime? Max(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
