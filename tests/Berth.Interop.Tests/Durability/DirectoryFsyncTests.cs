using Berth.Interop.Tests.Fixtures;
using Berth.Interop.Tests.Layout;
using Berth.Interop.Tests.Tools;

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
        var strace = RequiredTool.Locate("strace", "strace");
        using var work = new TempDirectory();
        var data = Path.GetFullPath(work.Combine("data"));
        var log = work.Combine("strace.log");
        var source = new OciLayoutBuilder(work.Combine("source"), seed: 97);
        source.Tag("v1", source.AddImage(layerCount: 2).Manifest);

        await using (var berth = await BerthProcess.StartAsync(data, FreePort.Next(), startTimeout: TimeSpan.FromMinutes(3), launcher: [strace, .. SyscallTrace.Arguments(log)]))
        {
            await new Tools.Skopeo().PushAsync(source.Directory, "v1", $"{berth.HostPort}/durable/app:v1");

            // strace writes its log when it exits, which it does once berth (its only tracee) is gone.
            foreach (var child in File.ReadAllText($"/proc/{berth.ProcessId}/task/{berth.ProcessId}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                using var process = System.Diagnostics.Process.GetProcessById(int.Parse(child, System.Globalization.CultureInfo.InvariantCulture));
                process.Kill();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await berth.WaitForExitAsync(timeout.Token);
        }

        var trace = SyscallTrace.Parse(File.ReadAllLines(log));
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
