using System.Security.Cryptography;
using Berth.Client;
using Berth.Interop.Tests.Fixtures;

namespace Berth.Interop.Tests.Durability;

/// <summary>
/// The PUT that commits a chunked upload must have made every byte durable before it answers 201, whatever the PATCHes
/// did (the spec does not make their 202 a durability promise). Checked under strace: every write into the upload's
/// file comes before an fsync of that file, which comes before the rename that commits it, and the blob's directory is
/// fsynced after the blob is moved into it. fsync persists every dirty page of the file, whichever request wrote it.
/// </summary>
public sealed class ChunkedUploadFsyncTests
{
    private const int ChunkSize = 256 * 1024;

    [Fact]
    public async Task ChunkedPush_FsyncsTheUploadAfterItsLastChunkAndBeforeItBecomesTheBlob()
    {
        using var work = new TempDirectory();
        var data = Path.GetFullPath(work.Combine("data"));
        var content = RandomNumberGenerator.GetBytes((3 * ChunkSize) + 1000);
        var hex = Convert.ToHexStringLower(SHA256.HashData(content));

        SyscallTrace trace;
        await using (var berth = await TracedBerth.StartAsync(data, work.Combine("strace.log")))
        {
            using var client = RegistryClient.Create(new RegistryClientOptions { BaseAddress = berth.Process.BaseAddress });
            using var body = new MemoryStream(content);
            await client.PushBlobChunkedAsync("durable/chunked", $"sha256:{hex}", body, content.Length, ChunkSize, CancellationToken.None);
            trace = await berth.StopAsync();
        }

        var blobRename = Assert.Single(trace.Renames, r => r.Destination.EndsWith($"/{hex}/data", StringComparison.Ordinal));
        var uploadDirectory = Path.GetDirectoryName(blobRename.Source)!;
        Assert.Contains("/_uploads/", uploadDirectory, StringComparison.Ordinal);
        var commit = Assert.Single(trace.Renames, r => r.Destination == blobRename.Source);
        Assert.StartsWith(uploadDirectory + "/", commit.Source, StringComparison.Ordinal);
        var writes = trace.Writes.Where(w => w.Path == commit.Source).ToList();
        Assert.True(writes.Count >= 4, $"expected a write per chunk into {commit.Source}, traced {writes.Count}");

        var lastWrite = writes.Max(w => w.Line);
        Assert.True(
            trace.Fsyncs.Any(f => f.Path == commit.Source && f.Line > lastWrite && f.Line < commit.Line),
            $"{commit.Source} was not fsynced between its last write (line {lastWrite}) and the commit's rename (line {commit.Line})");
        Assert.True(commit.Line < blobRename.Line, "the upload was moved to the blob before it was committed");
        Assert.True(trace.SyncedAfter(blobRename.Line, Path.GetDirectoryName(blobRename.Destination)!), $"the blob's directory was not fsynced after {blobRename.Destination} was moved into it");
    }
}
