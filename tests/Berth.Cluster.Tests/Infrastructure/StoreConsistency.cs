using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Berth.Registry.Content;
using Berth.Registry.Layout;
using Berth.Storage;
using Berth.Storage.S3;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.Cluster.Tests.Infrastructure;

/// <summary>
/// Reads the cluster's shared store back through the S3 driver: every link under a repository names content that
/// exists, and every blob's bytes hash to the digest it is stored under (so no partial or corrupt blob is visible).
/// </summary>
public static class StoreConsistency
{
    public static async Task<StoreReport> CheckAsync(IReadOnlyDictionary<string, string?> storageSettings, CancellationToken cancellationToken = default)
    {
        var options = new ConfigurationBuilder().AddInMemoryCollection(storageSettings).Build()
            .GetSection(S3StorageOptions.SectionName).Get<S3StorageOptions>()
            ?? throw new InvalidOperationException("The cluster's storage settings have no Storage:S3 section.");
        using var driver = new S3StorageDriver(options, TimeProvider.System, NullLogger<S3StorageDriver>.Instance);
        var report = new StoreReport();
        await foreach (var algorithm in ListOrEmptyAsync(driver, RegistryLayout.BlobsRoot, cancellationToken))
        {
            await foreach (var shard in ListOrEmptyAsync(driver, algorithm, cancellationToken))
            {
                await foreach (var blob in ListOrEmptyAsync(driver, shard, cancellationToken))
                {
                    await CheckBlobAsync(driver, blob, report, cancellationToken);
                }
            }
        }

        await CheckLinksAsync(driver, RegistryLayout.RepositoriesRoot, report, cancellationToken);
        return report;
    }

    private static async Task CheckBlobAsync(S3StorageDriver driver, string directory, StoreReport report, CancellationToken cancellationToken)
    {
        var algorithm = directory.Split('/')[^3];
        var hex = directory.Split('/')[^1];
        await using var stream = await driver.OpenReadAsync(directory + "/data", 0, cancellationToken);
        using var hash = IncrementalHash.CreateHash(algorithm == "sha512" ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(1024 * 1024);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        report.BlobsChecked++;
        var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
        if (actual != hex)
        {
            report.Problems.Add($"blob {algorithm}:{hex} holds bytes hashing to {actual}");
        }
    }

    private static async Task CheckLinksAsync(S3StorageDriver driver, string directory, StoreReport report, CancellationToken cancellationToken)
    {
        await foreach (var child in ListOrEmptyAsync(driver, directory, cancellationToken))
        {
            var name = child[(child.LastIndexOf('/') + 1)..];
            if (name == "_uploads")
            {
                // Uploads in progress (or left by a killed node) are not content: nothing reads them but their owner.
                continue;
            }

            if (name != "link")
            {
                await CheckLinksAsync(driver, child, report, cancellationToken);
                continue;
            }

            var content = Encoding.UTF8.GetString(await driver.GetContentAsync(child, cancellationToken)).Trim();
            var target = content.StartsWith('{')
                ? JsonDocument.Parse(content).RootElement.GetProperty("digest").GetString()
                : content;
            report.LinksChecked++;
            if (!Digest.TryParse(target, out var digest))
            {
                report.Problems.Add($"{child} holds '{content}', not a digest");
                continue;
            }

            try
            {
                await driver.StatAsync(RegistryLayout.BlobData(digest), cancellationToken);
            }
            catch (StorageNotFoundException)
            {
                report.Problems.Add($"{child} points at {digest}, which is not in the store");
            }
        }
    }

    /// <summary>The children of a directory; none for an object or a directory that is gone.</summary>
    private static async IAsyncEnumerable<string> ListOrEmptyAsync(S3StorageDriver driver, string directory, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var children = new List<string>();
        try
        {
            await foreach (var child in driver.ListAsync(directory, cancellationToken))
            {
                children.Add(child);
            }
        }
        catch (StorageNotFoundException)
        {
        }

        foreach (var child in children)
        {
            yield return child;
        }
    }
}
