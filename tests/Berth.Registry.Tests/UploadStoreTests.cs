using System.IO.Pipelines;
using System.Security.Cryptography;
using Berth.Registry.Api.Errors;
using Berth.Registry.Content;
using Berth.Registry.Layout;
using Berth.Registry.Names;
using Berth.Registry.Uploads;

namespace Berth.Registry.Tests;

public sealed class UploadStoreTests : IDisposable
{
    private static readonly RepositoryName Name = RepositoryName.Parse("team/app");
    private readonly StoreFixture _store = new();

    [Fact]
    public async Task ChunksInOrder_ThenComplete_MoveContentToBlobPathAndLinkIt()
    {
        var content = RandomBytes(300_000);
        var digest = Digest.Compute(DigestAlgorithm.Sha256, content);
        var upload = await _store.Uploads.StartAsync(Name, default);

        await _store.Uploads.AppendAsync(Name, upload.Id, Chunk(content[..100_000], 0), default);
        var status = await _store.Uploads.AppendAsync(Name, upload.Id, Chunk(content[100_000..], 100_000), default);
        Assert.Equal(300_000, status.Size);
        await _store.Uploads.CompleteAsync(Name, upload.Id, digest, null, default);

        Assert.Equal(
            [RegistryLayout.BlobData(digest), RegistryLayout.LayerLink(Name, digest)],
            _store.Files().Order(StringComparer.Ordinal));
        Assert.Equal(content, await File.ReadAllBytesAsync(_store.Driver.GetLocalPath(RegistryLayout.BlobData(digest))));
    }

    /// <summary>
    /// The receive loop gathers the body's pieces before it hashes and writes them: a body arriving in many small pieces
    /// (1,000 bytes a read, past the 256 KiB a write gathers several times over) is stored whole and in order, and the
    /// digest the commit checks matches it.
    /// </summary>
    [Fact]
    public async Task BodyArrivingInSmallPieces_IsStoredWholeAndInOrder()
    {
        var content = RandomBytes(700_000);
        var digest = Digest.Compute(DigestAlgorithm.Sha256, content);
        var upload = await _store.Uploads.StartAsync(Name, default);
        var body = PipeReader.Create(new MemoryStream(content), new StreamPipeReaderOptions(bufferSize: 1000, minimumReadSize: 1000));

        var status = await _store.Uploads.AppendAsync(Name, upload.Id, new UploadChunk(body, 0, content.Length), default);
        await _store.Uploads.CompleteAsync(Name, upload.Id, digest, null, default);

        Assert.Equal(content.Length, status.Size);
        Assert.Equal(content, await File.ReadAllBytesAsync(_store.Driver.GetLocalPath(RegistryLayout.BlobData(digest))));
    }

    [Fact]
    public async Task OutOfOrderChunk_IsRefusedWith416AndChangesNothing()
    {
        var upload = await _store.Uploads.StartAsync(Name, default);
        await _store.Uploads.AppendAsync(Name, upload.Id, Chunk(RandomBytes(10), 0), default);

        var error = await Assert.ThrowsAsync<RegistryException>(() => _store.Uploads.AppendAsync(Name, upload.Id, Chunk(RandomBytes(10), 20), default));

        Assert.Equal(416, RegistryErrorStatus.Of(error));
        Assert.Equal(10, (await _store.Uploads.GetStatusAsync(Name, upload.Id, default)).Size);
    }

    [Fact]
    public async Task WrongDigest_DeletesTheUploadAndStoresNoBlob()
    {
        var upload = await _store.Uploads.StartAsync(Name, default);
        var wrong = Digest.Compute(DigestAlgorithm.Sha256, [1, 2, 3]);

        var error = await Assert.ThrowsAsync<RegistryException>(() => _store.Uploads.CompleteAsync(Name, upload.Id, wrong, Chunk(RandomBytes(100), null), default));

        Assert.Equal(RegistryErrorCode.DigestInvalid, error.Code);
        Assert.Empty(_store.Files());
        await Assert.ThrowsAsync<RegistryException>(() => _store.Uploads.GetStatusAsync(Name, upload.Id, default));
    }

    [Fact]
    public async Task AnotherNode_ContinuesTheUpload_AndVerifiesBySha512AfterRehashing()
    {
        var content = RandomBytes(200_000);
        var digest = Digest.FromHash(DigestAlgorithm.Sha512, SHA512.HashData(content));
        var upload = await _store.Uploads.StartAsync(Name, default);
        await _store.Uploads.AppendAsync(Name, upload.Id, Chunk(content[..50_000], 0), default);

        using var other = _store.OtherNode();
        await other.Uploads.AppendAsync(Name, upload.Id, Chunk(content[50_000..150_000], 50_000), default);
        await other.Uploads.CompleteAsync(Name, upload.Id, digest, Chunk(content[150_000..], 150_000), default);

        var blob = await other.Blobs.StatAsync(Name, digest, default);
        Assert.Equal(200_000, blob.Size);
    }

    [Fact]
    public async Task CompletingAnExistingBlob_OnlyAddsTheLink()
    {
        var content = RandomBytes(1000);
        var digest = Digest.Compute(DigestAlgorithm.Sha256, content);
        var other = RepositoryName.Parse("other/app");
        foreach (var name in new[] { Name, other })
        {
            var upload = await _store.Uploads.StartAsync(name, default);
            await _store.Uploads.CompleteAsync(name, upload.Id, digest, Chunk(content, null), default);
        }

        Assert.Equal(3, _store.Files().Count);
        Assert.Equal(1000, (await _store.Blobs.StatAsync(other, digest, default)).Size);
    }

    [Fact]
    public async Task ChunkShorterThanItsDeclaredLength_IsSizeInvalid()
    {
        var upload = await _store.Uploads.StartAsync(Name, default);
        var error = await Assert.ThrowsAsync<RegistryException>(() =>
            _store.Uploads.AppendAsync(Name, upload.Id, new UploadChunk(PipeReader.Create(new MemoryStream(RandomBytes(10))), 0, 20), default));
        Assert.Equal(RegistryErrorCode.SizeInvalid, error.Code);
    }

    [Theory]
    [InlineData("../../../../etc")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("0123456789abcdef0123456789abcdef")]
    public async Task UnknownOrMalformedUploadId_IsBlobUploadUnknown(string id)
    {
        var error = await Assert.ThrowsAsync<RegistryException>(() => _store.Uploads.GetStatusAsync(Name, id, default));
        Assert.Equal(RegistryErrorCode.BlobUploadUnknown, error.Code);
    }

    [Fact]
    public async Task Cancel_RemovesEverything()
    {
        var upload = await _store.Uploads.StartAsync(Name, default);
        await _store.Uploads.AppendAsync(Name, upload.Id, Chunk(RandomBytes(10), 0), default);
        await _store.Uploads.CancelAsync(Name, upload.Id, default);
        Assert.Empty(_store.Files());
    }

    [Fact]
    public async Task RepositoryWithoutLink_CannotReadAStoredBlob()
    {
        var content = RandomBytes(10);
        var digest = Digest.Compute(DigestAlgorithm.Sha256, content);
        var upload = await _store.Uploads.StartAsync(Name, default);
        await _store.Uploads.CompleteAsync(Name, upload.Id, digest, Chunk(content, null), default);

        var error = await Assert.ThrowsAsync<RegistryException>(() => _store.Blobs.StatAsync(RepositoryName.Parse("stranger"), digest, default));
        Assert.Equal(RegistryErrorCode.BlobUnknown, error.Code);
    }

    /// <summary>
    /// A power cut during a PATCH may leave the bytes it had written but not yet fsynced zeroed in the upload's file
    /// (xfs can). The restarted node has no running hash, hashes the stored bytes, and refuses the digest.
    /// </summary>
    [Fact]
    public async Task AfterAPowerCutZeroedUnsyncedBytes_TheRestartedNodeRefusesTheDigestAndStoresNoBlob()
    {
        var content = RandomBytes(200_000);
        var digest = Digest.Compute(DigestAlgorithm.Sha256, content);
        var upload = await _store.Uploads.StartAsync(Name, default);
        await _store.Uploads.AppendAsync(Name, upload.Id, Chunk(content[..100_000], 0), default);
        await _store.Uploads.AppendAsync(Name, upload.Id, Chunk(content[100_000..], 100_000), default);
        await using (var file = new FileStream(ResumableFile(upload.Id), FileMode.Open, FileAccess.Write))
        {
            file.Position = 150_000;
            await file.WriteAsync(new byte[50_000]);
        }

        using var restarted = _store.OtherNode();
        var error = await Assert.ThrowsAsync<RegistryException>(() => restarted.Uploads.CompleteAsync(Name, upload.Id, digest, null, default));

        Assert.Equal(RegistryErrorCode.DigestInvalid, error.Code);
        Assert.Empty(_store.Files());
    }

    /// <summary>A power cut that cut the upload's file short (a PATCH in flight): the status reports what survived, and the client resumes there.</summary>
    [Fact]
    public async Task AfterAPowerCutCutTheUploadShort_TheClientResumesFromTheReportedSizeAndTheBlobIsExact()
    {
        var content = RandomBytes(200_000);
        var digest = Digest.Compute(DigestAlgorithm.Sha256, content);
        var upload = await _store.Uploads.StartAsync(Name, default);
        await _store.Uploads.AppendAsync(Name, upload.Id, Chunk(content[..100_000], 0), default);
        await _store.Uploads.AppendAsync(Name, upload.Id, Chunk(content[100_000..180_000], 100_000), default);
        await using (var file = new FileStream(ResumableFile(upload.Id), FileMode.Open, FileAccess.Write))
        {
            file.SetLength(130_000);
        }

        using var restarted = _store.OtherNode();
        var status = await restarted.Uploads.GetStatusAsync(Name, upload.Id, default);
        Assert.Equal(130_000, status.Size);
        await restarted.Uploads.CompleteAsync(Name, upload.Id, digest, Chunk(content[130_000..], 130_000), default);

        Assert.Equal(content, await File.ReadAllBytesAsync(_store.Driver.GetLocalPath(RegistryLayout.BlobData(digest))));
    }

    public void Dispose() => _store.Dispose();

    /// <summary>Where the filesystem driver keeps a closed upload's bytes until the next chunk continues them.</summary>
    private string ResumableFile(string uploadId) => _store.Driver.GetLocalPath(RegistryLayout.UploadData(Name, uploadId)) + ".tmp-resumable";

    private static UploadChunk Chunk(byte[] content, long? start) => new(PipeReader.Create(new MemoryStream(content)), start, content.Length);

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }
}
