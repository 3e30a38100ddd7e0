using System.Text.Json.Nodes;
using Berth.Index.Data;
using Berth.Interop.Tests.Fixtures;
using Berth.Interop.Tests.Tools;
using Berth.Testing;

namespace Berth.Cluster.Tests.Infrastructure;

/// <summary>
/// The deployment of docs/deployment.md, once per test run: three <c>berth serve</c> processes (role all, token auth)
/// sharing one Ceph RGW bucket and one PostgreSQL database, each new for the run, behind nginx (round robin, no
/// stickiness) on a free loopback port; the token realm points at nginx. Ceph RGW and PostgreSQL are the run's
/// (scripts/test-services); a missing one, or a missing nginx, fails every test with how to get it.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const string User = "alice";
    public const string Password = "alice-password-1";
    public const string AdminPassword = "admin-password-1";
    private readonly TempDirectory _work = new("berth-cluster-");
    private readonly List<ClusterNode> _nodes = [];
    private TestDatabase? _database;
    private NginxProcess? _nginx;

    public IReadOnlyList<ClusterNode> Nodes => _nodes;

    public NginxProcess Nginx => _nginx ?? throw new InvalidOperationException("The cluster has not started.");

    /// <summary>The address clients use: nginx.</summary>
    public Uri BaseAddress => Nginx.BaseAddress;

    public string HostPort => Nginx.HostPort;

    /// <summary>The configuration file every node runs with.</summary>
    public string ConfigPath => _work.Combine("berth.json");

    public string WorkDirectory => _work.Path;

    public async Task InitializeAsync()
    {
        NginxProcess.Require();
        var storage = await CephRgwStorage.CreateBucketSettingsAsync();
        _database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        var nginxPort = FreePort.Next();
        await File.WriteAllTextAsync(ConfigPath, Configuration(new Uri($"http://127.0.0.1:{nginxPort}/token"), storage).ToJsonString());

        for (var i = 1; i <= 3; i++)
        {
            var metricsPort = FreePort.Next();
            _nodes.Add(new ClusterNode($"node{i}", FreePort.Next(), metricsPort, _work.Combine($"node{i}"), ["--config", ConfigPath, $"--Berth:MetricsListen=127.0.0.1:{metricsPort}"]));
        }

        // The first node creates the schema; the others then start side by side, as a rolling deployment would.
        await _nodes[0].StartAsync();
        (await BerthProcess.RunCommandAsync("user", "add", User, "--password", Password, "--data-dir", _work.Combine("admin"), "--config", ConfigPath))
            .EnsureSuccess();
        await Task.WhenAll(_nodes.Skip(1).Select(n => n.StartAsync()));
        _nginx = await NginxProcess.StartAsync(_work.Combine("nginx"), nginxPort, [.. _nodes.Select(n => n.Port)]);
    }

    public async Task DisposeAsync()
    {
        if (_nginx is not null)
        {
            await _nginx.DisposeAsync();
        }

        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        _work.Dispose();
    }

    /// <summary>
    /// <c>berth fsck</c> on the shared store with the nodes' configuration, as an operator runs it: every link points
    /// at stored content and every blob hashes to its digest (exit 0), or the problems it found.
    /// </summary>
    public async Task<ProcessResult> FsckAsync() =>
        await BerthProcess.RunCommandAsync("fsck", "--config", ConfigPath, "--data-dir", _work.Combine("admin"));

    /// <summary>Brings every node back (a test that killed one restarts it, but a failed test may not have).</summary>
    public async Task EnsureAllRunningAsync()
    {
        foreach (var node in _nodes.Where(n => !n.IsRunning))
        {
            await node.StartAsync();
        }
    }

    private JsonObject Configuration(Uri realm, IReadOnlyDictionary<string, string?> storage)
    {
        var root = new JsonObject
        {
            ["Auth"] = new JsonObject { ["Mode"] = "Token", ["Realm"] = realm.ToString() },
        };
        var settings = new Dictionary<string, string?>(storage)
        {
            ["Index:AdminPassword"] = AdminPassword,
            ["Index:BcryptWorkFactor"] = "4",
        };
        foreach (var (key, value) in _database!.Settings)
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            var parts = key.Split(':');
            var section = root;
            foreach (var part in parts[..^1])
            {
                section = section[part] as JsonObject ?? (JsonObject)(section[part] = new JsonObject());
            }

            section[parts[^1]] = value;
        }

        return root;
    }
}
