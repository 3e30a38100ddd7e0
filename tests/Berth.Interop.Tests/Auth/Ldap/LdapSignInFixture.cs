using Berth.Interop.Tests.Fixtures;
using Berth.Interop.Tests.Layout;

namespace Berth.Interop.Tests.Auth.Ldap;

/// <summary>One Berth process signing in against the test directory over StartTLS, and an image to push.</summary>
public sealed class LdapSignInFixture : IAsyncLifetime
{
    private readonly TempDirectory _work = new("berth-ldap-");

    public BerthProcess Server { get; private set; } = null!;

    public OciLayoutBuilder Layout { get; private set; } = null!;

    public TempDirectory Work => _work;

    private string DataDirectory { get; set; } = null!;

    private string Config { get; set; } = null!;

    public async Task InitializeAsync()
    {
        (Server, DataDirectory, Config) = await LdapBerth.StartAsync(_work, "berth", LdapBerth.Section());
        Layout = new OciLayoutBuilder(_work.Combine("source"), seed: 20);
        Layout.Tag("v1", Layout.AddImage(layerCount: 1).Manifest);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        _work.Dispose();
    }

    /// <summary>An admin command on the server's data directory, as an operator runs it next to the server.</summary>
    public async Task<IReadOnlyList<string>> AdminAsync(params string[] arguments) =>
        (await BerthProcess.RunCommandAsync([.. arguments, "--data-dir", DataDirectory, "--config", Config])).EnsureSuccess().StandardOutput.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
