using Berth.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Testing;

/// <summary>
/// A real Berth on Kestrel, on a free loopback port, with its own temporary data directory, deleted when the server is
/// disposed (a directory the caller passed in stays: the caller owns it, as tests that restart a node on one do).
/// </summary>
public sealed class BerthTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly bool _ownsDataDirectory;

    private BerthTestServer(WebApplication app, Uri baseAddress, Uri metricsAddress, string dataDirectory, bool ownsDataDirectory)
    {
        _app = app;
        _ownsDataDirectory = ownsDataDirectory;
        BaseAddress = baseAddress;
        MetricsAddress = metricsAddress;
        DataDirectory = dataDirectory;
    }

    public Uri BaseAddress { get; }

    /// <summary>The listener of Berth:MetricsListen, where /metrics is served (a free loopback port).</summary>
    public Uri MetricsAddress { get; }

    /// <summary>host:port, as image references want it.</summary>
    public string HostPort => BaseAddress.Authority;

    public string DataDirectory { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<BerthTestServer> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<WebApplicationBuilder>? configure = null,
        string? dataDirectory = null)
    {
        var ownsDataDirectory = dataDirectory is null;
        dataDirectory ??= Directory.CreateTempSubdirectory("berth-test-").FullName;
        var overrides = new Dictionary<string, string?>
        {
            ["Berth:Listen"] = "127.0.0.1:0",
            ["Berth:MetricsListen"] = "127.0.0.1:0",
            ["Berth:DataDirectory"] = dataDirectory,

            // Stopping a test server must not wait for a load balancer; shutdown tests set their own delay.
            ["Berth:DrainDelay"] = "00:00:00",
            ["Logging:LogLevel:Default"] = "Warning",

            // Tests of the registry API expect an open registry; auth tests opt in with Auth:Mode=Token.
            ["Auth:Mode"] = "None",

            // ... without the index open mode brings along (tests of open mode's index turn it back on).
            ["Berth:OpenIndex"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            overrides[key] = value;
        }

        WebApplication app;
        try
        {
            app = BerthHost.Build(new BerthHostSettings { Overrides = overrides, Configure = configure });
            await app.StartAsync();
        }
        catch when (ownsDataDirectory)
        {
            DeleteDirectory(dataDirectory);
            throw;
        }

        // Kestrel lists its listeners in the order they were configured: Berth:Listen, then Berth:MetricsListen.
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.ToList();
        return new BerthTestServer(app, new Uri(addresses[0]), new Uri(addresses[^1]), dataDirectory, ownsDataDirectory);
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    public HttpClient CreateMetricsClient() => new() { BaseAddress = MetricsAddress };

    /// <summary>Stops the server as SIGTERM would (drain, then in-flight requests finish); DisposeAsync afterwards is safe.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_ownsDataDirectory)
        {
            DeleteDirectory(DataDirectory);
        }
    }

    private static void DeleteDirectory(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
