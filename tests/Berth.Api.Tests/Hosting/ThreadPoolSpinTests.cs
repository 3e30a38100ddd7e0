using System.Text.Json;

namespace Berth.Api.Tests.Hosting;

/// <summary>
/// berth's idle thread-pool workers block at once instead of spinning for work: the spinning (sched_yield between
/// requests and around each fsync) was a fifth of a chunked push's CPU (docs/performance.md).
/// </summary>
public sealed class ThreadPoolSpinTests
{
    [Fact]
    public void BerthsRuntimeConfig_TurnsTheThreadPoolsIdleSpinningOff()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "berth.runtimeconfig.json");
        Assert.True(File.Exists(path), $"{path} is missing: the test project must reference src/Berth");

        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(properties.TryGetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit", out var limit), "berth.runtimeconfig.json sets no UnfairSemaphoreSpinLimit");
        Assert.Equal(0, limit.GetInt32());
    }
}
