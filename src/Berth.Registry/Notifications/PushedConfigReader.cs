using Berth.Registry.Content;
using Berth.Registry.Events;
using Berth.Registry.Layout;
using Berth.Registry.Manifests;
using Berth.Storage;
using Microsoft.Extensions.Logging;

namespace Berth.Registry.Notifications;

/// <summary>
/// Reads the image configs of the pushes the writer is about to queue for an endpoint that carries them (the index),
/// so that it need not read them back. This runs on the writer, after the push was answered: the push itself reads
/// nothing more. A config that cannot be read now (removed since, larger than
/// <see cref="ImageConfigDetails.MaxConfigBytes"/>, a store error) is left out, and the index reads it itself.
/// </summary>
internal sealed class PushedConfigReader(IStorageDriver driver, ILogger<PushedConfigReader> logger)
{
    /// <summary>Configs read at once: on an object store each is a round trip.</summary>
    private const int Concurrency = 8;

    /// <summary>The events, each push that carries its manifest with its config's details added when they could be read.</summary>
    public async Task<IReadOnlyList<RegistryEvent>> AddConfigsAsync(IReadOnlyList<RegistryEvent> events, CancellationToken cancellationToken)
    {
        var result = events.ToArray();
        var wanted = Enumerable.Range(0, result.Length).Where(i => result[i] is { Action: RegistryEventAction.Push, ManifestContent: not null, Config: null });
        await Parallel.ForEachAsync(
            wanted,
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (i, ct) => result[i] = result[i] with { Config = await ReadAsync(result[i].Repository, result[i].ManifestContent!, ct) });
        return result;
    }

    private async Task<ImageConfigDetails?> ReadAsync(string repository, byte[] manifest, CancellationToken cancellationToken)
    {
        Descriptor? config;
        try
        {
            config = ManifestParser.Parse(manifest, null).Config;
        }
        catch (RegistryException)
        {
            return null;
        }

        if (config is null || config.Size > ImageConfigDetails.MaxConfigBytes)
        {
            return null;
        }

        try
        {
            await using var read = await driver.OpenReadAsync(RegistryLayout.BlobData(config.Digest), 0, cancellationToken);
            return read.Size > ImageConfigDetails.MaxConfigBytes ? null : await ImageConfigDetails.ReadAsync(config.Digest, read.Content, cancellationToken);
        }
#pragma warning disable CA1031 // Any store failure only means the index reads the config itself.
        catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
        {
            Log.ConfigNotRead(logger, exception, config.Digest.ToString(), repository);
            return null;
        }
    }
}
