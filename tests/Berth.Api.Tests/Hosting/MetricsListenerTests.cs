using System.Net;
using Berth.Testing;

namespace Berth.Api.Tests.Hosting;

/// <summary>
/// /metrics is served only on Berth:MetricsListen: a proxy forwarding everything on the public listener cannot expose
/// it, and the metrics listener serves nothing else (no way around the proxy).
/// </summary>
public sealed class MetricsListenerTests : IAsyncLifetime
{
    private BerthTestServer _server = null!;

    public async Task InitializeAsync() => _server = await BerthTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Metrics_AreServedOnTheMetricsListener_AndNotOnThePublicOne()
    {
        using var publicClient = _server.CreateClient();
        using var metricsClient = _server.CreateMetricsClient();
        Assert.NotEqual(_server.BaseAddress, _server.MetricsAddress);

        using var onPublic = await publicClient.GetAsync("/metrics");
        using var onMetrics = await metricsClient.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, onPublic.StatusCode);
        Assert.Equal(HttpStatusCode.OK, onMetrics.StatusCode);
        Assert.Contains("# TYPE", await onMetrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MetricsListener_ServesHealthButNotTheRegistry()
    {
        using var metricsClient = _server.CreateMetricsClient();

        using var registry = await metricsClient.GetAsync("/v2/");
        using var health = await metricsClient.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.NotFound, registry.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
