using Berth.Interop.Tests.Fixtures;
using Berth.Interop.Tests.Layout;

namespace Berth.Interop.Tests.Durability;

/// <summary>
/// Durability of an acknowledged push, checked at the system-call level because a loopback test cannot cut the power:
/// a real <c>berth serve</c> runs under strace while skopeo pushes, and every rename into the blob, layer-link,
/// revision and tag directories must be followed by an fsync of that directory (ext4 and xfs may otherwise lose the
/// new entry, and the acknowledged object with it, after a crash).
/// </summary>
public sealed class DirectoryFsyncTests
{
    [Fact]
    public async Task Push_FsyncsTheDirectoryAfterEveryRenameIntoBlobsLinksAndTags()
    {
        using var work = new TempDirectory();
        var data = Path.GetFullPath(work.Combine("data"));
        var source = new OciLayoutBuilder(work.Combine("source"), seed: 97);
        source.Tag("v1", source.AddImage(layerCount: 2).Manifest);

        SyscallTrace trace;
        await using (var berth = await TracedBerth.StartAsync(data, work.Combine("strace.log")))
        {
            await new Tools.Skopeo().PushAsync(source.Directory, "v1", $"{berth.Process.HostPort}/durable/app:v1");
            trace = await berth.StopAsync();
        }

        var stored = trace.Renames.Where(r => r.Destination.StartsWith(data + "/v1/", StringComparison.Ordinal)).ToList();
        foreach (var kind in new[] { "/v1/blobs/", "/_layers/", "/_manifests/revisions/", "/_manifests/tags/v1/current/" })
        {
            Assert.True(stored.Any(r => r.Destination.Contains(kind, StringComparison.Ordinal)), $"no rename into a {kind} directory was traced; renames: {string.Join(", ", stored.Select(r => r.Destination))}");
        }

        var unsynced = stored
            .Where(r => !r.Destination.Contains("/_uploads/", StringComparison.Ordinal))
            .Where(r => !trace.SyncedAfter(r.Line, Path.GetDirectoryName(r.Destination)!))
            .Select(r => r.Destination)
            .ToList();
        Assert.True(unsynced.Count == 0, $"renamed without an fsync of the directory afterwards: {string.Join(", ", unsynced)}");
    }
}
