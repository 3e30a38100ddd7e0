using Berth.Testing;
using Microsoft.AspNetCore.Builder;

namespace Berth.Api.Tests.Infrastructure;

/// <summary>
/// One Berth server per test class. The API suites are written once against this base; each storage backend
/// supplies a sealed fixture that overrides <see cref="Settings"/> (e.g. Storage:Driver=s3 and its endpoint).
/// The data directory sits inside a sandbox directory so tests can prove nothing is written beside it.
/// </summary>
public abstract class RegistryFixture : IAsyncLifetime
{
    private BerthTestServer? _server;

    public BerthTestServer Server => _server ?? throw new InvalidOperationException("The fixture has not started its server.");

    /// <summary>A directory owned by the fixture that holds only the data directory.</summary>
    public string SandboxDirectory { get; } = Directory.CreateTempSubdirectory("berth-api-").FullName;

    public string DataDirectory => Path.Combine(SandboxDirectory, "data");

    /// <summary>Configuration overrides for the server, e.g. the storage driver and its settings.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>For backends whose settings need preparing first (e.g. a bucket to create); defaults to <see cref="Settings"/>.</summary>
    protected virtual Task<IReadOnlyDictionary<string, string?>> CreateSettingsAsync() => Task.FromResult(Settings);

    public virtual RegistryClient CreateClient() => new(Server.CreateClient());

    /// <summary>For fixtures that change the server itself (e.g. wrap its storage driver); nothing by default.</summary>
    protected virtual void Configure(WebApplicationBuilder builder)
    {
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDirectory);
        _server = await BerthTestServer.StartAsync(await CreateSettingsAsync(), Configure, DataDirectory);
    }

    public virtual async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(SandboxDirectory, recursive: true);
    }
}
