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
                await DeleteAsync(rule, destination, execution.Repository!, execution.Reference!, outcome, cancellationToken);
                return outcome;
            }

            var items = execution.Repository is { } repository
                ? [(repository, execution.Reference ?? "latest")]
                : await ScopeAsync(rule, source.Client, cancellationToken);
            foreach (var (repositoryName, reference) in items)
            {
                await CopyItemAsync(copy, repositoryName, reference, cancellationToken);
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            outcome.Failed(execution.Repository ?? "scope", e);
        }

        return outcome;
    }

    private RetryPolicy Retry() => new() { MaxAttempts = options.Value.RequestAttempts, FirstDelay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromSeconds(2) };

    /// <summary>Every (repository, tag) at the source the rule's filters take.</summary>
    private static async Task<List<(string Repository, string Reference)>> ScopeAsync(ReplicationRuleRecord rule, RegistryClient source, CancellationToken cancellationToken)
    {
        var items = new List<(string, string)>();
        foreach (var repository in (await source.ListRepositoriesAsync(cancellationToken)).Where(r => PolicyPattern.IsMatch(rule.RepositoryFilter, r)))
        {
            items.AddRange((await source.ListTagsAsync(repository, cancellationToken)).Where(t => PolicyPattern.IsMatch(rule.TagFilter, t)).Order(StringComparer.Ordinal).Select(t => (repository, t)));
        }

        return items;
    }

    private async Task CopyItemAsync(ItemCopy copy, string repository, string reference, CancellationToken cancellationToken)
    {
        var item = $"{repository}:{reference}";
        try
        {
            if (await copy.RunAsync(repository, reference, locations, cancellationToken))
            {
                Interlocked.Increment(ref copy.Outcome.ItemsCopied);
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            copy.Outcome.Failed(item, e);
        }
    }

    /// <summary>Deletes a tag (or the manifest it points at, where tags cannot be deleted) or a manifest at the destination.</summary>
    private static async Task DeleteAsync(ReplicationRuleRecord rule, Side destination, string repository, string reference, ExecutionOutcome outcome, CancellationToken cancellationToken)
    {
        var target = DestinationName.Of(repository, rule.DestinationNamespace);
        var isDigest = reference.Contains(':', StringComparison.Ordinal);
        string? digest = isDigest ? reference : (await destination.Client.HeadManifestAsync(target, reference, cancellationToken))?.Digest;
        if (digest is null)
        {
            Interlocked.Increment(ref outcome.ItemsSkipped);
            return;
        }

        if (!isDigest)
        {
            try
            {
                await destination.Client.DeleteManifestAsync(target, reference, cancellationToken);
                Interlocked.Increment(ref outcome.ItemsCopied);
                return;
            }
            catch (RegistryClientException e) when (e.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.BadRequest or HttpStatusCode.NotImplemented)
            {
                // distribution 2.x deletes manifests by digest only (with every tag pointing at them).
            }
        }

        var deleted = await destination.Client.DeleteManifestAsync(target, digest, cancellationToken);
        Interlocked.Increment(ref deleted ? ref outcome.ItemsCopied : ref outcome.ItemsSkipped);
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
                Interlocked.Increment(ref outcome.ItemsSkipped);
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
                Interlocked.Increment(ref outcome.ItemsSkipped);
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
