using System.Net;
using System.Text.Json.Nodes;
using Berth.Client;
using Berth.Client.Compression;
using Berth.Client.Copy;
using Berth.Client.Transports;
using Berth.Index.Data.Replication;
using Berth.Registry.Policies;
using Berth.Replication.Model;
using Berth.Replication.Queue;
using Microsoft.Extensions.Options;

namespace Berth.Replication.Execution;

/// <summary>
/// Runs one attempt of an execution with Berth.Client: lists the rule's scope at the source (or takes the event's one
/// item), and for each image copies what the destination lacks, blob by blob (HEAD-skip, cross-repository mount,
/// streamed upload with its digest checked), indexes with every platform and, when the rule says so, referrers; no
/// layer is recompressed, so every digest stays the same. A propagated delete removes the tag or manifest at the
/// destination. Failed items are recorded and the rest go on.
/// </summary>
internal sealed class ReplicationExecutor(LocalRegistry local, TargetBlobLocations locations, ReplicationMetrics metrics, IOptions<ReplicationOptions> options)
{
    public async Task<ExecutionOutcome> RunAsync(ReplicationExecutionRecord execution, ReplicationRuleRecord rule, ReplicationTargetRecord target, CancellationToken cancellationToken)
    {
        var outcome = new ExecutionOutcome();
        using var localClient = local.CreateClient(rule.Concurrency);
        using var targetClient = TargetClients.Create(target, rule.Concurrency, Timeout.InfiniteTimeSpan);
        var here = new Side(localClient, local.Url.Authority);
        var there = new Side(targetClient, new Uri(target.Url).Authority);
        var (source, destination) = rule.Direction == ReplicationDirection.Push ? (here, there) : (there, here);
        using var bandwidth = rule.BandwidthLimit is { } limit ? new Bandwidth(limit) : null;
        var copy = new ItemCopy(rule, source, destination, bandwidth, outcome, Retry(), new ExecutionProgress(outcome, metrics, rule.Name));
        try
        {
            if (execution.IsDelete)
            {
                var deleted = DestinationName.Of(execution.Repository!, rule.DestinationNamespace);
                await DeleteAsync(destination, deleted, execution.Reference!, outcome, cancellationToken);
                return outcome;
            }

            if (execution.Repository is { } repository)
            {
                await CopyItemAsync(copy, repository, execution.Reference ?? "latest", cancellationToken);
                return outcome;
            }

            var scope = await ScopeAsync(rule, source.Client, cancellationToken);
            foreach (var (repositoryName, tags) in scope)
            {
                foreach (var tag in tags)
                {
                    await CopyItemAsync(copy, repositoryName, tag, cancellationToken);
                }
            }

            if (rule.PropagateDeletes)
            {
                await PruneAsync(rule, destination, scope, outcome, cancellationToken);
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            outcome.Failed(execution.Repository ?? "scope", e);
        }

        return outcome;
    }

    private RetryPolicy Retry() => new() { MaxAttempts = options.Value.RequestAttempts, FirstDelay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromSeconds(2) };

    /// <summary>Every repository at the source the rule's filters take, with its tags the filters take (maybe none).</summary>
    private static async Task<List<(string Repository, List<string> Tags)>> ScopeAsync(ReplicationRuleRecord rule, RegistryClient source, CancellationToken cancellationToken)
    {
        var scope = new List<(string, List<string>)>();
        foreach (var repository in (await source.ListRepositoriesAsync(cancellationToken)).Where(r => PolicyPattern.IsMatch(rule.RepositoryFilter, r)))
        {
            scope.Add((repository, [.. (await source.ListTagsAsync(repository, cancellationToken)).Where(t => PolicyPattern.IsMatch(rule.TagFilter, t)).Order(StringComparer.Ordinal)]));
        }

        return scope;
    }

    /// <summary>
    /// A full run's delete propagation: in each destination repository of the scope, the tags the filters take that no
    /// source repository landing there has any more are deleted. Several source repositories may land in one
    /// destination repository (a destination namespace), so a tag is kept while any of them has it.
    /// </summary>
    private static async Task PruneAsync(ReplicationRuleRecord rule, Side destination, List<(string Repository, List<string> Tags)> scope, ExecutionOutcome outcome, CancellationToken cancellationToken)
    {
        foreach (var group in scope.GroupBy(x => DestinationName.Of(x.Repository, rule.DestinationNamespace), StringComparer.Ordinal))
        {
            var kept = group.SelectMany(x => x.Tags).ToHashSet(StringComparer.Ordinal);
            IReadOnlyList<string> present;
            try
            {
                present = await destination.Client.ListTagsAsync(group.Key, cancellationToken);
            }
            catch (RegistryClientException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                continue;
            }

            foreach (var tag in present.Where(t => PolicyPattern.IsMatch(rule.TagFilter, t) && !kept.Contains(t)).Order(StringComparer.Ordinal))
            {
                try
                {
                    await DeleteAsync(destination, group.Key, tag, outcome, cancellationToken);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    outcome.Failed($"{group.Key}:{tag}", e);
                }
            }
        }
    }

    private async Task CopyItemAsync(ItemCopy copy, string repository, string reference, CancellationToken cancellationToken)
    {
        var item = $"{repository}:{reference}";
        try
        {
            if (await copy.RunAsync(repository, reference, locations, cancellationToken))
            {
                copy.Outcome.Copied(item);
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            copy.Outcome.Failed(item, e);
        }
    }

    /// <summary>Deletes a tag (or the manifest it points at, where tags cannot be deleted) or a manifest at the destination.</summary>
    private static async Task DeleteAsync(Side destination, string repository, string reference, ExecutionOutcome outcome, CancellationToken cancellationToken)
    {
        var isDigest = reference.Contains(':', StringComparison.Ordinal);
        var item = isDigest ? $"{repository}@{reference}" : $"{repository}:{reference}";
        string? digest = isDigest ? reference : (await destination.Client.HeadManifestAsync(repository, reference, cancellationToken))?.Digest;
        if (digest is null)
        {
            outcome.Skipped(item);
            return;
        }

        if (!isDigest)
        {
            try
            {
                await destination.Client.DeleteManifestAsync(repository, reference, cancellationToken);
                outcome.Deleted(item);
                return;
            }
            catch (RegistryClientException e) when (e.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.BadRequest or HttpStatusCode.NotImplemented)
            {
                // distribution 2.x deletes manifests by digest only (with every tag pointing at them).
            }
        }

        if (await destination.Client.DeleteManifestAsync(repository, digest, cancellationToken))
        {
            outcome.Deleted(item);
        }
        else
        {
            outcome.Skipped(item);
        }
    }

    /// <summary>A registry on one side of the copy: its client and its host as locations name it.</summary>
    internal sealed record Side(RegistryClient Client, string Host);

    /// <summary>What every item of one execution shares.</summary>
    private sealed class ItemCopy(ReplicationRuleRecord rule, Side source, Side destination, Bandwidth? bandwidth, ExecutionOutcome outcome, RetryPolicy retry, ICopyProgress progress)
    {
        public ExecutionOutcome Outcome => outcome;

        /// <summary>Copies one tag or digest; false when there was nothing to do (filtered out, already there, gone).</summary>
        public async Task<bool> RunAsync(string repository, string reference, TargetBlobLocations locations, CancellationToken cancellationToken)
        {
            ManifestResponse root;
            try
            {
                root = await retry.RunAsync(_ => source.Client.GetManifestAsync(repository, reference, cancellationToken), null, cancellationToken);
            }
            catch (RegistryClientException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                // Deleted since the event or the listing: nothing to copy.
                outcome.Skipped($"{repository}:{reference}");
                return false;
            }

            var digest = BlobDigest.Of(root.Content);
            var manifest = JsonNode.Parse(root.Content) as JsonObject ?? throw new FormatException("The manifest is no JSON object.");
            var byDigest = reference.Contains(':', StringComparison.Ordinal);
            if (byDigest ? !(rule.Referrers && ContentKind.IsReferrer(manifest)) : !rule.ContentKinds.HasFlag(ContentKind.Of(manifest, root.MediaType)))
            {
                // Untagged manifests travel with their index or subject; only referrers pushed later are copied on their own.
                return false;
            }

            var target = DestinationName.Of(repository, rule.DestinationNamespace);
            var present = await retry.RunAsync(_ => destination.Client.HeadManifestAsync(target, reference, cancellationToken), null, cancellationToken);
            if (present?.Digest == digest && !rule.Referrers)
            {
                outcome.Skipped($"{repository}:{reference}");
                return false;
            }

            var from = new RegistryLocation(source.Host, repository, byDigest ? null : reference, byDigest ? reference : null);
            var to = new RegistryLocation(destination.Host, target, byDigest ? null : reference, byDigest ? reference : null);
            var sourceImages = ImageTransports.OpenSource(from, source.Client, retry);
            await using var images = bandwidth is null ? sourceImages : new ThrottledSource(sourceImages, bandwidth);
            await using var writer = new MountingDestination(
                ImageTransports.OpenDestination(to, destination.Client, new RegistryConnection { Retry = retry }),
                destination.Client, destination.Host, target, locations);
            var options = new CopyOptions
            {
                Jobs = rule.Concurrency,
                AllPlatforms = true,
                Referrers = rule.Referrers,
                Compression = new CompressionSettings { Algorithm = LayerCompression.None },
                Retry = retry,
            };
            using var copier = new ImageCopier(images, writer, options, progress);
            var result = await copier.CopyAsync(cancellationToken);
            Interlocked.Add(ref outcome.Bytes, result.BytesRead);
            BlobDigest.Verify(digest, result.Digest, "Replicated manifest");
            return true;
        }
    }
}
