using System.Text;
using Berth.Registry.Layout;
using Berth.Registry.Manifests;
using Berth.Registry.Names;
using Berth.Registry.Tests.GarbageCollection;
using Berth.Storage.Conformance.Interception;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Registry.Tests.Reading;

/// <summary>
/// A pull that finds nothing cached waits for the store's round trips in sequence, so the checks a read needs go out
/// with the read itself. Each test holds two storage calls and requires both to be reached while the other is held:
/// done one after the other, the second would never start and the test would time out.
/// </summary>
public sealed class ColdReadRoundTripTests : IDisposable
{
    private static readonly RepositoryName A = RepositoryName.Parse("team/a");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly StoreFixture _store;
    private readonly StorePusher _push;
    private PausingStorageDriver? _driver;

    public ColdReadRoundTripTests()
    {
        _store = new StoreFixture(
            new Dictionary<string, string?>(),
            services => services.Configure<ManifestCacheOptions>(o => o.MaxBytes = 0),
            inner => _driver = new PausingStorageDriver(inner));
        _push = new StorePusher(_store);
    }

    private PausingStorageDriver Driver => _driver ?? throw new InvalidOperationException("The fixture did not decorate its driver.");

    [Fact]
    public async Task BlobOpen_OfALinkNotSeenBefore_ChecksTheLinkWhileTheContentIsReadAndTakesTheSizeFromTheRead()
    {
        const string text = "layer bytes, read cold";
        var digest = await _push.BlobAsync(A, text);
        var read = Driver.HoldBefore(c => c.Operation == StorageOperation.OpenRead && c.Path == RegistryLayout.BlobData(digest));
        var link = Driver.HoldBefore(c => c.Operation == StorageOperation.Stat && c.Path == RegistryLayout.LayerLink(A, digest));
        var contentStat = Driver.HoldBefore(c => c.Operation == StorageOperation.Stat && c.Path == RegistryLayout.BlobData(digest));

        var open = _store.Blobs.OpenAsync(A, digest, default);
        await read.Reached.WaitAsync(Patience);
        await link.Reached.WaitAsync(Patience);
        read.Release();
        link.Release();
        var (blob, content) = await open.WaitAsync(Patience);

        Assert.False(contentStat.Reached.IsCompleted, "the content was stat'ed beside its read");
        Assert.NotNull(content);
        await using (content)
        {
            Assert.Equal(Encoding.UTF8.GetByteCount(text), blob.Size);
            Assert.Equal(text, await new StreamReader(content.Content).ReadToEndAsync());
        }

        contentStat.Release();
    }

    [Fact]
    public async Task BlobOpen_OfALinkSeenBefore_OnlyReadsTheContent()
    {
        var digest = await _push.BlobAsync(A, "seen before");
        var (_, first) = await _store.Blobs.OpenAsync(A, digest, default);
        Assert.NotNull(first);
        await first.DisposeAsync();

        var stats = Driver.HoldBefore(c => c.Operation == StorageOperation.Stat);
        var (blob, again) = await _store.Blobs.OpenAsync(A, digest, default).WaitAsync(Patience);
        await using (again)
        {
            Assert.False(stats.Reached.IsCompleted, "a read of a link seen before stat'ed something");
            Assert.Equal("seen before".Length, blob.Size);
        }

        stats.Release();
    }

    [Fact]
    public async Task BlobOpen_InARepositoryWithoutALink_IsUnknownThoughTheContentExists()
    {
        var digest = await _push.BlobAsync(A, "not yours");

        var error = await Assert.ThrowsAsync<RegistryException>(() => _store.Blobs.OpenAsync(RepositoryName.Parse("team/b"), digest, default));

        Assert.Equal(RegistryErrorCode.BlobUnknown, error.Code);
    }

    [Fact]
    public async Task ManifestGet_ByTagNotResolvedBefore_ChecksTheRevisionLinkWhileTheManifestIsRead()
    {
        var image = await _push.ImageAsync(A, "v1", "layer");
        var revisionLink = Driver.HoldBefore(c => c.Operation == StorageOperation.Stat && c.Path == RegistryLayout.ManifestRevisionLink(A, image.Manifest));
        var content = Driver.HoldBefore(c => c.Operation == StorageOperation.GetContent && c.Path == RegistryLayout.BlobData(image.Manifest));

        var get = _store.Manifests.GetAsync(A, Reference.Parse("v1"), default);
        await revisionLink.Reached.WaitAsync(Patience);
        await content.Reached.WaitAsync(Patience);
        revisionLink.Release();
        content.Release();

        Assert.Equal(image.Manifest, (await get.WaitAsync(Patience)).Digest);
    }

    [Fact]
    public async Task ManifestGet_ByADigestThisRepositoryDoesNotHave_IsUnknownThoughTheContentExists()
    {
        var image = await _push.ImageAsync(A, "v1", "layer");

        var error = await Assert.ThrowsAsync<RegistryException>(() => _store.Manifests.GetAsync(RepositoryName.Parse("team/b"), Reference.Parse(image.Manifest.ToString()), default));

        Assert.Equal(RegistryErrorCode.ManifestUnknown, error.Code);
    }

    public void Dispose() => _store.Dispose();
}
