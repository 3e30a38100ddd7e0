using Berth.Bench.Content;
using Berth.Client;

namespace Berth.Bench;

/// <summary>What every scenario shares: the client, the settings, and the two blob factories.</summary>
internal sealed class BenchContext : IDisposable
{
    private readonly DirectBlobs? _direct;

    public BenchContext(BenchSettings settings, RegistryClient client)
    {
        Settings = settings;
        Client = client;
        _direct = settings.BlobsDirect ? new DirectBlobs() : null;
        Transfer = new ImageTransfer(client, settings, _direct);
        SeedBlobs = new SyntheticBlobFactory(settings.ContentSeed, run: 0);
        PushBlobs = new SyntheticBlobFactory(settings.ContentSeed, (ulong)Random.Shared.NextInt64());
    }

    public BenchSettings Settings { get; }

    public RegistryClient Client { get; }

    public ImageTransfer Transfer { get; }

    /// <summary>Deterministic: the same seed gives the same seeded images (same digests) on every registry.</summary>
    public SyntheticBlobFactory SeedBlobs { get; }

    /// <summary>Unique per run, so pushes never find their blobs already present.</summary>
    public SyntheticBlobFactory PushBlobs { get; }

    public string SeededTag(int image) => Settings.Images == 1 ? Settings.Tag : $"{Settings.Tag}-{image}";

    public SyntheticImage SeededImage(int image) =>
        SyntheticImage.Create(SeedBlobs, Settings.Layers, Settings.LayerSize, owner: -1, serial: image);

    /// <summary>Pushes the seeded images unless the registry already has each under its tag with the same digest.</summary>
    public async Task SeedAsync(int images, CancellationToken cancellationToken)
    {
        if (!Settings.Seed)
        {
            return;
        }

        for (var i = 0; i < images; i++)
        {
            var image = SeededImage(i);
            var existing = await Client.HeadManifestAsync(Settings.Repository, SeededTag(i), cancellationToken);
            if (existing?.Digest != image.ManifestDigest)
            {
                await Transfer.PushAsync(Settings.Repository, SeededTag(i), image, worker: null, cancellationToken);
            }
        }
    }

    public void Dispose()
    {
        SeedBlobs.Dispose();
        PushBlobs.Dispose();
        Client.Dispose();
        _direct?.Dispose();
    }
}
