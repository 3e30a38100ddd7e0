using Berth.Cluster.Tests.Infrastructure;
using Berth.Interop.Tests.Fixtures;

namespace Berth.Cluster.Tests.Proxy;

/// <summary>
/// One <c>berth serve</c> (token auth, filesystem and SQLite, trusting 127.0.0.1 as its proxy, metrics on their own
/// listener) behind Debian's nginx running docs/deployment.md's block with TLS on 127.0.0.1. Audit records are logged,
/// so tests can read the client address Berth saw from its log.
/// </summary>
public class TlsProxyFixture : IAsyncLifetime
{
    public const string AdminPassword = "admin-secret-1";

    /// <summary>A first start migrates a new index database; on a machine busy with parallel builds that takes a while.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private readonly TempDirectory _work = new("berth-tls-proxy-");
    private BerthProcess? _berth;
    private NginxProcess? _nginx;
    private TestCertificate? _certificate;

    public BerthProcess Berth => _berth ?? throw new InvalidOperationException("Not started.");

    public NginxProcess Nginx => _nginx ?? throw new InvalidOperationException("Not started.");

    internal TestCertificate Certificate => _certificate ?? throw new InvalidOperationException("Not started.");

    /// <summary>https://127.0.0.1:PORT/, the public address clients use.</summary>
    public Uri PublicAddress => Nginx.BaseAddress;

    public Uri MetricsAddress { get; private set; } = null!;

    /// <summary>The node's data directory, which is also its filesystem storage root.</summary>
    public string DataDirectory => _work.Combine("berth");

    /// <summary>Settings a derived fixture adds to the node's command line.</summary>
    protected virtual IReadOnlyList<string> ExtraBerthArguments => [];

    public string Combine(string name) => _work.Combine(name);

    public async Task InitializeAsync()
    {
        NginxProcess.Require();
        _certificate = new TestCertificate(_work.Combine("tls"));
        var (berthPort, metricsPort, publicPort) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        MetricsAddress = new Uri($"http://127.0.0.1:{metricsPort}/");
        _berth = await BerthProcess.StartAsync(DataDirectory, berthPort,
        [
            .. ExtraBerthArguments,
            "--auth", "token",
            $"--Index:AdminPassword={AdminPassword}",
            "--Index:BcryptWorkFactor=4",
            "--Proxy:KnownProxies:0=127.0.0.1",
            $"--Berth:MetricsListen=127.0.0.1:{metricsPort}",
            "--Logging:LogLevel:Berth.Index.Audit=Information",
        ], StartTimeout);
        using var probe = _certificate.CreateHandler();
        _nginx = await NginxProcess.StartAsync(
            _work.Combine("nginx"),
            NginxConfig(DocumentedNginxConfig.ForTest(publicPort, berthPort, _certificate.CertificatePath, _certificate.KeyPath)),
            new Uri($"https://127.0.0.1:{publicPort}/"),
            probe);
    }

    /// <summary>The documented block as the test runs it; a derived fixture may add to it.</summary>
    protected virtual string NginxConfig(string documented) => documented;

    public async Task DisposeAsync()
    {
        if (_nginx is not null)
        {
            await _nginx.DisposeAsync();
        }

        if (_berth is not null)
        {
            await _berth.DisposeAsync();
        }

        _certificate?.Dispose();
        _work.Dispose();
    }
}
