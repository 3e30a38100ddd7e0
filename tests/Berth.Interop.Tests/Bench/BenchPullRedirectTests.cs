using System.Globalization;
using System.Text.Json;
using Berth.Interop.Tests.Fixtures;

namespace Berth.Interop.Tests.Bench;

/// <summary>
/// <c>berth bench pull</c> against a registry that redirects blob GETs to Ceph RGW (bench/object-store.sh's
/// berth-redirect and rgw-direct targets): the client follows every 307, checks every digest and counts the bytes
/// the store sent; with --blobs-direct each blob is asked of the registry once and then fetched from the store only.
/// </summary>
public sealed class BenchPullRedirectTests(CephRgwRedirectBerthFixture registry) : IClassFixture<CephRgwRedirectBerthFixture>
{
    private const int LayerSize = 256 * 1024;
    private const int Pulls = 12;

    [Fact]
    public async Task Pull_FollowsEachRedirect_VerifiesTheDigests_AndCountsTheBytes()
    {
        var (level, redirects, streamed) = await PullAsync("bench/redirected");

        Assert.Equal(Pulls, level.GetProperty("operations").GetInt64());
        Assert.Equal(0, level.GetProperty("errorCount").GetInt64());
        Assert.True(level.GetProperty("bytes").GetInt64() >= Pulls * (long)LayerSize, $"counted {level.GetProperty("bytes")} bytes for {Pulls} pulls of {LayerSize}");
        Assert.True(redirects >= 2 * Pulls, $"{redirects} redirects for {Pulls} pulls of a config and a layer");
        Assert.Equal(0, streamed);
    }

    [Fact]
    public async Task PullBlobsDirect_AsksTheRegistryForEachBlobOnce_AndFetchesTheRestFromTheStore()
    {
        var (level, redirects, streamed) = await PullAsync("bench/direct", "--blobs-direct");

        Assert.Equal(Pulls, level.GetProperty("operations").GetInt64());
        Assert.Equal(0, level.GetProperty("errorCount").GetInt64());
        Assert.True(level.GetProperty("bytes").GetInt64() >= Pulls * (long)LayerSize, $"counted {level.GetProperty("bytes")} bytes for {Pulls} pulls of {LayerSize}");
        // One redirect per blob (config and layer) while preparing; the measured pulls never asked the registry for a blob.
        Assert.Equal(2, redirects);
        Assert.Equal(0, streamed);
    }

    private async Task<(JsonElement Level, long Redirects, long Streamed)> PullAsync(string repository, params string[] extra)
    {
        using var work = new TempDirectory();
        var json = work.Combine("pull.json");
        string[] image = ["--registry", registry.BaseAddress.ToString(), "--repository", repository, "--layers", "1", "--layer-size", $"{LayerSize}"];
        (await BerthProcess.RunCommandAsync(["bench", "seed", .. image])).EnsureSuccess();
        var before = await RedirectsAsync();

        var result = await BerthProcess.RunCommandAsync(["bench", "pull", .. image, "--no-seed", "-c", "2", "-n", $"{Pulls}", "--verify", "--json", json, .. extra]);

        result.EnsureSuccess();
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        return (report.RootElement.GetProperty("levels")[0].Clone(), await RedirectsAsync() - before, await MetricAsync("berth_registry_bytes_sent_", null));
    }

    private Task<long> RedirectsAsync() => MetricAsync("berth_storage_operations_total", "operation=\"redirect_url\"");

    /// <summary>The sum of a counter's series (those whose labels hold <paramref name="label"/>) as /metrics exports it.</summary>
    private async Task<long> MetricAsync(string name, string? label)
    {
        using var http = registry.Server.CreateMetricsClient();
        var text = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        return text.Split('\n')
            .Where(l => l.StartsWith(name, StringComparison.Ordinal) && (label is null || l.Contains(label, StringComparison.Ordinal)))
            .Sum(l => (long)double.Parse(l[(l.Contains('}', StringComparison.Ordinal) ? l.LastIndexOf('}') + 1 : l.IndexOf(' ', StringComparison.Ordinal))..].Trim().Split(' ')[0], CultureInfo.InvariantCulture));
    }
}
