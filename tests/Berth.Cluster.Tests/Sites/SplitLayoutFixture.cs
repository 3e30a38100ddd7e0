using Berth.Cluster.Tests.Infrastructure;
using Berth.Cluster.Tests.Proxy;
using Berth.Interop.Tests.Fixtures;

namespace Berth.Cluster.Tests.Sites;

/// <summary>
/// docs/deployment.md's split layout as OS processes: <c>berth serve --role index</c> and two sites
/// (<c>--role registry</c>, each with its own data directory, Auth:Service and event secret, registered with
/// <c>berth registry add</c>), behind Debian's nginx running the page's split block with TLS on loopback.
/// registry.example.com (the index, and site A's /v2/) is <see cref="MainAddress"/>; registry-b.example.com (site B)
/// is <see cref="SiteBAddress"/>. The parts talk to each other on their own loopback ports, as on an internal network.
/// </summary>
public sealed class SplitLayoutFixture : IAsyncLifetime
{
    public const string AdminPassword = "admin-secret-1";
    public const string User = "alice";
    public const string UserPassword = "alice-password-1";
    private const string SecretA = "site-a-secret-0123456789";
    private const string SecretB = "site-b-secret-0123456789";

    /// <summary>A first start migrates a new index database; on a machine busy with parallel builds that takes a while.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private readonly TempDirectory _work = new("berth-split-");
    private readonly int _indexPort = FreePort.Next();
    private readonly int _portA = FreePort.Next();
    private readonly int _portB = FreePort.Next();
    private readonly int _mainPort = FreePort.Next();
    private readonly int _publicBPort = FreePort.Next();
    private NginxProcess? _nginx;
    private TestCertificate? _certificate;

    public BerthProcess Index { get; private set; } = null!;

    public BerthProcess SiteA { get; private set; } = null!;

    public BerthProcess SiteB { get; private set; } = null!;

    /// <summary>https://127.0.0.1:PORT/: registry.example.com, the index and site A's /v2/.</summary>
    public Uri MainAddress => new($"https://127.0.0.1:{_mainPort}/");

    /// <summary>https://127.0.0.1:PORT/: registry-b.example.com, site B.</summary>
    public Uri SiteBAddress => new($"https://127.0.0.1:{_publicBPort}/");

    public NginxProcess Nginx => _nginx ?? throw new InvalidOperationException("Not started.");

    internal TestCertificate Certificate => _certificate ?? throw new InvalidOperationException("Not started.");

    public string Combine(string name) => _work.Combine(name);

    public async Task InitializeAsync()
    {
        NginxProcess.Require();
        _certificate = new TestCertificate(_work.Combine("tls"));
        Index = await BerthProcess.StartAsync(_work.Combine("index"), _indexPort,
        [
            "--role", "index",
            $"--Index:AdminPassword={AdminPassword}",
            "--Index:BcryptWorkFactor=4",
            "--Index:RegistryResyncInterval=00:00:00",
            "--Proxy:KnownProxies:0=127.0.0.1",
        ], StartTimeout);
        await AdminAsync("registry", "add", "site-a", "--url", $"http://127.0.0.1:{_portA}/", "--pull-host", MainAddress.Authority, "--secret", SecretA);
        await AdminAsync("registry", "add", "site-b", "--url", $"http://127.0.0.1:{_portB}/", "--pull-host", SiteBAddress.Authority, "--secret", SecretB);
        await AdminAsync("user", "add", User, "--password", UserPassword);
        SiteA = await BerthProcess.StartAsync(_work.Combine("site-a"), _portA, SiteArguments("site-a", SecretA), StartTimeout);
        await StartSiteBAsync();
        using var probe = _certificate.CreateHandler();
        _nginx = await NginxProcess.StartAsync(
            _work.Combine("nginx"),
            DocumentedSplitNginxConfig.ForTest(
                new Dictionary<string, int> { ["berth-index"] = _indexPort, ["berth-site-a"] = _portA, ["berth-site-b"] = _portB },
                new Dictionary<string, int> { ["registry.example.com"] = _mainPort, ["registry-b.example.com"] = _publicBPort },
                _certificate.CertificatePath,
                _certificate.KeyPath),
            MainAddress,
            probe);
    }

    /// <summary>Starts site B on its port and data directory (again, after <see cref="BerthProcess.KillAsync"/>).</summary>
    public async Task StartSiteBAsync() =>
        SiteB = await BerthProcess.StartAsync(_work.Combine("site-b"), _portB, SiteArguments("site-b", SecretB), StartTimeout);

    public async Task DisposeAsync()
    {
        if (_nginx is not null)
        {
            await _nginx.DisposeAsync();
        }

        // Null when the start failed part way: stop what did start.
        foreach (var process in new[] { SiteB, SiteA, Index }.Where(p => p is not null))
        {
            await process.DisposeAsync();
        }

        _certificate?.Dispose();
        _work.Dispose();
    }

    /// <summary>An admin command against the index's database, as an operator runs it on the index host.</summary>
    public async Task<string> AdminAsync(params string[] arguments) =>
        (await BerthProcess.RunCommandAsync([.. arguments, "--data-dir", _work.Combine("index")])).EnsureSuccess().StandardOutput;

    /// <summary>A site as the page runs it: the index's internal URL for keys and events, its public token URL for clients.</summary>
    private string[] SiteArguments(string name, string secret) =>
    [
        "--role", "registry", "--index-url", $"http://127.0.0.1:{_indexPort}/",
        $"--Auth:Service={name}", $"--Auth:Realm={MainAddress}token",
        $"--IndexEvents:Secret={secret}", "--IndexEvents:MaxBackoff=00:00:01",
        "--Proxy:KnownProxies:0=127.0.0.1",
    ];
}
