using System.Buffers;
using System.Collections.Concurrent;
using Berth.Registry.Content;
using Berth.Registry.Layout;
using Berth.Registry.Manifests;
using Berth.Registry.Names;
using Berth.Registry.Storage;
using Berth.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Registry.Consistency;

/// <summary>
/// Checks the store over any driver (berth fsck, and tests in-process): every tag, revision, layer and referrer link
/// names stored content, every stored manifest's references are stored, and (unless turned off) every blob's content
/// hashes to its digest, read as a stream with bounded concurrency. Read only: it changes nothing. An index's absent
/// child manifests are expected, not problems, when the registry accepts sparse indexes (Registry:Manifests).
/// Run it on a quiet store: content a push writes during the run may be reported as missing.
/// </summary>
public sealed class StoreChecker(IStorageDriver driver, IOptions<ManifestPushOptions> pushOptions, TimeProvider time, ILogger<StoreChecker> logger)
{
    private const int BufferSize = 256 * 1024;

    public async Task<StoreCheckReport> CheckAsync(StoreCheckOptions options, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        Log.Started(logger, driver.Name, options.VerifyContent);
        var run = new StoreCheckRun(driver);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken };

        var repositories = new ConcurrentBag<(RepositoryName Name, HashSet<string> Folders)>();
        await FindRepositoriesAsync(RegistryLayout.RepositoriesRoot, string.Empty, repositories, cancellationToken);
        var checker = new RepositoryChecker(run, options, pushOptions.Value.AllowSparseIndexes, time.GetUtcNow());
        await Parallel.ForEachAsync(repositories, parallel, (r, ct) => new ValueTask(checker.CheckAsync(r.Name, r.Folders, ct)));

        if (options.VerifyContent)
        {
            await Parallel.ForEachAsync(ListBlobsAsync(cancellationToken), parallel, (d, ct) => new ValueTask(VerifyAsync(run, d, ct)));
        }

        var report = run.Report(options.VerifyContent, time.GetElapsedTime(started));
        Log.Finished(logger, report.Problems.Count, report.Repositories, report.BlobsVerified, (long)report.Duration.TotalMilliseconds);
        return report;
    }

    /// <summary>A repository is a folder holding any of the '_' folders; its name components never start with '_'.</summary>
    private async Task FindRepositoriesAsync(string path, string prefix, ConcurrentBag<(RepositoryName, HashSet<string>)> result, CancellationToken cancellationToken)
    {
        var children = new List<string>();
        await foreach (var child in driver.ListNamesAsync(path, cancellationToken))
        {
            children.Add(child);
        }

        var folders = children.Where(c => c.StartsWith('_')).ToHashSet(StringComparer.Ordinal);
        if (folders.Count > 0 && RepositoryName.TryParse(prefix, out var name))
        {
            result.Add((name, folders));
        }

        await Task.WhenAll(children
            .Where(c => !c.StartsWith('_'))
            .Select(c => FindRepositoriesAsync(RegistryLayout.RepositoryTree(prefix.Length == 0 ? c : $"{prefix}/{c}"), prefix.Length == 0 ? c : $"{prefix}/{c}", result, cancellationToken)));
    }

    /// <summary>Every digest with a folder under /v1/blobs/&lt;alg&gt;/&lt;hex[0:2]&gt;/&lt;hex&gt;.</summary>
    private async IAsyncEnumerable<Digest> ListBlobsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var algorithm in driver.ListNamesAsync(RegistryLayout.BlobsRoot, cancellationToken))
        {
            await foreach (var prefix in driver.ListNamesAsync(RegistryLayout.BlobAlgorithmRoot(algorithm), cancellationToken))
            {
                await foreach (var hex in driver.ListNamesAsync(RegistryLayout.BlobPrefixRoot(algorithm, prefix), cancellationToken))
                {
                    if (Digest.TryParse($"{algorithm}:{hex}", out var digest))
                    {
                        yield return digest;
                    }
                }
            }
        }
    }

    private async Task VerifyAsync(StoreCheckRun run, Digest digest, CancellationToken cancellationToken)
    {
        var path = RegistryLayout.BlobData(digest);
        using var hash = digest.Algorithm.CreateHash();
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        long bytes = 0;
        try
        {
            await using var stored = await driver.OpenReadAsync(path, 0, cancellationToken);
            int read;
            while ((read = await stored.Content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                bytes += read;
            }
        }
        catch (StorageNotFoundException)
        {
            // A folder left without data (a delete in progress, or an emptied directory): not a blob.
            return;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        run.CountBlob();
        run.CountVerified(bytes);
        var actual = Digest.FromHash(digest.Algorithm, hash.GetHashAndReset());
        if (actual != digest)
        {
            run.Problem(StoreProblemKind.DigestMismatch, path, $"the content ({bytes} bytes) hashes to {actual}");
        }
    }
}
