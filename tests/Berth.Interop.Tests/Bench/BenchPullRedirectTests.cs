using System.Globalization;
using System.Text.Json;
using Berth.Interop.Tests.Fixtures;
using Berth.Testing;

namespace Berth.Interop.Tests.Bench;

/// <summary>
/// <c>berth bench pull</c> against a berth process that redirects blob GETs to Ceph RGW (bench/object-store.sh's
/// berth-redirect and rgw-direct targets): the client follows every 307, checks every digest and counts the bytes
/// the store sent; with --blobs-direct each blob is asked of the registry once and then fetched from the store only.
/// The registry runs as a process of its own so that its /metrics count its own requests alone (the meters of
/// servers in this test process are process-wide).
/// </summary>
public sealed class BenchPullRedirectTests : IAsyncLifetime
{
    private const int LayerSize = 256 * 1024;
    private const int Pulls = 12;
    private readonly TempDirectory _work = new();
    private readonly int _metricsPort = FreePort.Next();
    private BerthProcess? _registry;

    private BerthProcess Registry => _registry!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>(await CephRgwStorage.CreateBucketSettingsAsync()) { ["Storage:S3:RedirectGets"] = "true" };
        _registry = await BerthProcess.StartAsync(
            _work.Combine("data"),
            FreePort.Next(),
            ["--auth", "none", $"--Berth:MetricsListen=127.0.0.1:{_metricsPort}", .. settings.Select(s => $"--{s.Key}={s.Value}")]);
    }

    public async Task DisposeAsync()
    {
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }

        _work.Dispose();
    }

    [Fact]
    public async Task Pull_FollowsEachRedirect_VerifiesTheDigests_AndCountsTheBytes()
    {
        var (level, redirects, streamed) = await PullAsync("bench/redirected");

        AssertEveryPullCounted(level);
        Assert.Equal(2 * Pulls, redirects);
        Assert.Equal(0, streamed);
    }

    [Fact]
    public async Task PullBlobsDirect_AsksTheRegistryForEachBlobOnce_AndFetchesTheRestFromTheStore()
    {
        var (level, redirects, streamed) = await PullAsync("bench/direct", "--blobs-direct");

        AssertEveryPullCounted(level);
        // One redirect per blob (config and layer) while preparing; the measured pulls never asked the registry for a blob.
        Assert.Equal(2, redirects);
        Assert.Equal(0, streamed);
    }

    private static void AssertEveryPullCounted(JsonElement level)
    {
        Assert.Equal(Pulls, level.GetProperty("operations").GetInt64());
        Assert.Equal(0, level.GetProperty("errorCount").GetInt64());
        Assert.True(level.GetProperty("bytes").GetInt64() >= Pulls * (long)LayerSize, $"counted {level.GetProperty("bytes")} bytes for {Pulls} pulls of {LayerSize}");
    }

    private async Task<(JsonElement Level, long Redirects, long Streamed)> PullAsync(string repository, params string[] extra)
    {
        var json = _work.Combine($"{repository.Replace('/', '-')}.json");
        string[] image = ["--registry", Registry.BaseAddress.ToString(), "--repository", repository, "--layers", "1", "--layer-size", $"{LayerSize}"];
        (await BerthProcess.RunCommandAsync(["bench", "seed", .. image])).EnsureSuccess();

        var result = await BerthProcess.RunCommandAsync(["bench", "pull", .. image, "--no-seed", "-c", "2", "-n", $"{Pulls}", "--verify", "--json", json, .. extra]);

        result.EnsureSuccess();
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var redirects = await MetricAsync("berth_storage_operations_total", "operation=\"redirect_url\"");
        return (report.RootElement.GetProperty("levels")[0].Clone(), redirects, await MetricAsync("berth_registry_bytes_sent_", null));
    }

    /// <summary>The sum of a counter's series (those whose labels hold <paramref name="label"/>) as /metrics exports it.</summary>
    private async Task<long> MetricAsync(string name, string? label)
    {
        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri($"http://127.0.0.1:{_metricsPort}/metrics"));
        return text.Split('\n')
            .Where(l => l.StartsWith(name, StringComparison.Ordinal) && (label is null || l.Contains(label, StringComparison.Ordinal)))
            .Sum(l => (long)double.Parse(l[(l.Contains('}', StringComparison.Ordinal) ? l.LastIndexOf('}') + 1 : l.IndexOf(' ', StringComparison.Ordinal))..].Trim().Split(' ')[0], CultureInfo.InvariantCulture));
    }
}
