using System.Net;
using System.Text.Json.Nodes;
using Berth.Interop.Tests.Fixtures;
using Berth.Interop.Tests.Layout;
using Berth.Interop.Tests.Tools;
using Berth.Storage.Configuration;
using Berth.Storage.Conformance.Interception;
using Berth.Storage.Filesystem;
using Berth.Testing;
using Xunit.Abstractions;

namespace Berth.Interop.Tests.Faults;

/// <summary>
/// skopeo and podman push and pull through an in-process Berth whose store fails, times out and slows calls at
/// random (seeded). The schedule guarantees forward progress: after each injected failure the store stays healthy for
/// <see cref="QuietCalls"/> calls, more than a retried copy needs, so a client that retries (skopeo --retry-times, or
/// the pipeline re-running a failed command, bounded) always gets its image through. Asserted: every run ends within
/// its bound, every failed run ends with the client's error message, every server error the clients got was the spec's
/// JSON error body and no request hung, images pulled back are bit-identical to what was pushed (digests and bytes),
/// no blob is served half-written once the faults stop, and `berth fsck` says the store is healthy.
/// </summary>
public sealed class FaultyStoreClientTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Repository = "faults/clients";
    private const int Seed = 1415;
    private const int Images = 8;
    private const int QuietCalls = 80;
    private const int Attempts = 6;
    private static readonly TimeSpan RunBound = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan RequestBound = TimeSpan.FromSeconds(30);

    private readonly Tools.Skopeo _skopeo = new();
    private readonly ResponseAudit _audit = new();
    private readonly TempDirectory _work = new();
    private FaultInjectingStorageDriver? _faulty;
    private BerthTestServer? _server;

    private FaultInjectingStorageDriver Faulty => _faulty ?? throw new InvalidOperationException("The server did not create its driver.");

    private BerthTestServer Server => _server ?? throw new InvalidOperationException("The server did not start.");

    public async Task InitializeAsync()
    {
        var store = _work.Combine("store");
        Directory.CreateDirectory(store);
        _server = await BerthTestServer.StartAsync(
            new Dictionary<string, string?> { ["Storage:Driver"] = "faulty" },
            builder =>
            {
                _audit.Install(builder);
                builder.Services.AddStorageDriver("faulty", _ => _faulty = new FaultInjectingStorageDriver(new FilesystemStorageDriver(store), Seed, faultRate: 0.12)
                {
                    QuietCallsAfterFault = QuietCalls,
                });
            },
            dataDirectory: store);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _work.Dispose();
    }

    [Fact]
    public async Task SkopeoAndPodman_OverAFaultyStore_RetryToWholeImages_GetOnlySpecErrors_AndLeaveTheStoreHealthy()
    {
        var source = new OciLayoutBuilder(_work.Combine("source"), seed: Seed);
        var tags = Enumerable.Range(0, Images).Select(i => $"v{i}").ToList();
        foreach (var tag in tags)
        {
            source.Tag(tag, source.AddImage(layerCount: 2, maxFileSize: 256 * 1024).Manifest);
        }

        var failedRuns = 0;
        foreach (var tag in tags)
        {
            failedRuns += await UntilSuccessAsync($"push {tag}", () => _skopeo.TryPushAsync(source.Directory, tag, Reference(tag), RunBound, retryTimes: 2));
            var pulled = _work.Combine($"faulty-pull-{tag}");
            failedRuns += await UntilSuccessAsync($"pull {tag}", () => _skopeo.TryPullAsync(Reference(tag), pulled, tag, RunBound, retryTimes: 2));
            LayoutAssert.SameContent(source.Directory, pulled, tag);
        }

        var podman = new Tools.Podman(_work.Combine("podman"));
        var copy = $"{Server.HostPort}/faults/podman-copy:v0";
        failedRuns += await UntilSuccessAsync("podman pull", () => podman.TryRunAsync(RunBound, "pull", "--tls-verify=false", "--quiet", Reference("v0")));
        failedRuns += await UntilSuccessAsync("podman push", () => podman.TryRunAsync(RunBound, "push", "--tls-verify=false", "--quiet", Reference("v0"), copy));

        Assert.True(Faulty.Injected > 0, "the store should have injected faults");
        Assert.True(_audit.ServerErrors > 0, $"the clients should have met server errors ({Faulty.Injected} faults injected, {failedRuns} runs failed)");
        Assert.Empty(_audit.Problems(RequestBound));
        output.WriteLine($"{Faulty.Injected} faults injected, {_audit.ServerErrors} server errors of {_audit.Responses.Count} responses, {failedRuns} client runs failed and were run again");
        Faulty.Enabled = false;

        foreach (var tag in tags)
        {
            var pulled = _work.Combine($"clean-pull-{tag}");
            (await _skopeo.TryPullAsync(Reference(tag), pulled, tag, RunBound)).EnsureSuccess();
            LayoutAssert.SameContent(source.Directory, pulled, tag);
        }

        // podman stores the image and pushes a manifest of its own making; the config (the image ID) is kept byte for byte.
        var podmanCopy = JsonNode.Parse(await _skopeo.InspectRawAsync(copy))!;
        var sourceManifest = JsonNode.Parse(await File.ReadAllBytesAsync(OciLayout.BlobPath(source.Directory, OciLayout.Resolve(source.Directory, "v0").Digest)))!;
        Assert.Equal(sourceManifest["config"]!["digest"]!.GetValue<string>(), podmanCopy["config"]!["digest"]!.GetValue<string>());
        await AssertNoBlobHalfWrittenAsync(source.Directory);

        await Server.DisposeAsync();
        _server = null;
        var fsck = await BerthProcess.RunCommandAsync("fsck", "--data-dir", _work.Combine("store"));
        Assert.True(fsck.ExitCode == 0, $"berth fsck after the faults:\n{fsck.StandardOutput}\n{fsck.StandardError}");
    }

    private string Reference(string tag) => $"{Server.HostPort}/{Repository}:{tag}";

    /// <summary>
    /// Runs a client command until it succeeds, as a pipeline that retries a failed step does, asserting each failure
    /// ended with the client's own error message; returns how many runs failed. The schedule's quiet calls after each
    /// fault make a success within the attempts certain.
    /// </summary>
    private static async Task<int> UntilSuccessAsync(string what, Func<Task<ProcessResult>> run)
    {
        for (var failed = 0; failed < Attempts; failed++)
        {
            var result = await run();
            if (result.ExitCode == 0)
            {
                return failed;
            }

            Assert.True(result.StandardError.Contains("Error", StringComparison.OrdinalIgnoreCase), $"{what} failed without an error message:\n{result.StandardError}");
            Assert.DoesNotContain("panic", result.StandardError, StringComparison.Ordinal);
            Assert.DoesNotContain("goroutine", result.StandardError, StringComparison.Ordinal);
        }

        Assert.Fail($"{what} did not succeed in {Attempts} runs despite the quiet calls after each fault.");
        return Attempts;
    }

    /// <summary>Every blob the source holds is either absent or served whole with its digest's bytes.</summary>
    private async Task AssertNoBlobHalfWrittenAsync(string layout)
    {
        using var http = Server.CreateClient();
        foreach (var path in Directory.EnumerateFiles(Path.Combine(layout, "blobs", "sha256")))
        {
            var digest = "sha256:" + Path.GetFileName(path);
            using var response = await http.GetAsync($"/v2/{Repository}/blobs/{digest}");
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"GET {digest}: {(int)response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                Assert.Equal(await File.ReadAllBytesAsync(path), await response.Content.ReadAsByteArrayAsync());
            }
        }
    }
}
