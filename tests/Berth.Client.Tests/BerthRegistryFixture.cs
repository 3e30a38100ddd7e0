using Berth.Testing;

namespace Berth.Client.Tests;

/// <summary>One Berth on a free loopback port for a test class.</summary>
public sealed class BerthRegistryFixture : IAsyncLifetime
{
    public BerthTestServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await BerthTestServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
