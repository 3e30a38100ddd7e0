using System.Text.Json.Nodes;
using Berth.Index;
using Berth.Index.Data;
using Berth.Interop.Tests.Fixtures;
using Berth.Testing;

namespace Berth.Interop.Tests.Sites;

/// <summary>
/// One index and two registries as three OS processes, as an operator runs them: <c>berth serve --role index</c>;
/// site "site-a" on the filesystem and site "site-b" on Ceph RGW, each <c>--role registry --index-url …</c> with its
/// own data directory, its own Auth:Service (the audience of its tokens) and the event secret it was registered with
/// (<c>berth registry add</c>). Site A's push events carry the manifest and the config's details, so the index reads
/// nothing back from it; site B sends none (IndexEvents:MaxCarriedBytes=0), as a registry older than the index would,
/// and the index reads each push back through its /v2 API. Both log every request, the index's reads included.
/// </summary>
public sealed class SitesFixture : IAsyncLifetime
{
    public const string AdminPassword = "admin-secret-1";
    public const string SecretA = "site-a-secret-0123456789";
    public const string SecretB = "site-b-secret-0123456789";
    private readonly TempDirectory _work = new("berth-sites-");
    private readonly int _indexPort = FreePort.Next();
    private readonly int _portA = FreePort.Next();
    private readonly int _portB = FreePort.Next();
    private IReadOnlyDictionary<string, string?> _cephSettings = null!;

    public BerthProcess Index { get; private set; } = null!;

    public BerthProcess RegistryA { get; private set; } = null!;

    public BerthProcess RegistryB { get; private set; } = null!;

    public string RegistryADataDirectory => _work.Combine("site-a");

    /// <summary>Site A's queue of events for the index (IndexEvents): one file per batch while the index does not take them.</summary>
    public string RegistryAQueue => Path.Combine(RegistryADataDirectory, "notifications", "index");

    private string IndexDataDirectory => _work.Combine("index");

    private string IndexConfig => _work.Combine("index.json");

    public async Task InitializeAsync()
    {
        var index = new JsonObject
        {
            ["AdminPassword"] = AdminPassword,
            ["BcryptWorkFactor"] = 4,
            ["RegistryResyncInterval"] = "00:00:00",
            ["DatabaseProvider"] = DatabaseProvider.Sqlite.ToString(),
        };
        await File.WriteAllTextAsync(IndexConfig, new JsonObject { [IndexOptions.SectionName] = index }.ToJsonString());
        await StartIndexAsync();
        await AdminAsync("registry", "add", "site-a", "--url", $"http://127.0.0.1:{_portA}/", "--secret", SecretA);
        await AdminAsync("registry", "add", "site-b", "--url", $"http://127.0.0.1:{_portB}/", "--secret", SecretB);
        await AdminAsync("user", "add", "alice", "--password", "alice-password");
        _cephSettings = await CephRgwStorage.CreateBucketSettingsAsync();
        await StartRegistryAAsync();
        RegistryB = await BerthProcess.StartAsync(_work.Combine("site-b"), _portB,
            [.. RegistryArguments("site-b", SecretB), "--IndexEvents:MaxCarriedBytes=0", .. _cephSettings.Select(s => $"--{s.Key}={s.Value}")]);
    }

    public async Task DisposeAsync()
    {
        // Null when the start failed part way (Ceph RGW not running, for one): stop what did start.
        foreach (var process in new[] { RegistryB, RegistryA, Index }.Where(p => p is not null))
        {
            await process.DisposeAsync();
        }

        _work.Dispose();
    }

    /// <summary>Starts the index on its port and data directory (again, after <see cref="BerthProcess.KillAsync"/>).</summary>
    public async Task StartIndexAsync() =>
        Index = await BerthProcess.StartAsync(IndexDataDirectory, _indexPort, ["--role", "index", "--config", IndexConfig]);

    /// <summary>Starts site A on its port and data directory (again, after <see cref="BerthProcess.KillAsync"/>).</summary>
    public async Task StartRegistryAAsync() =>
        RegistryA = await BerthProcess.StartAsync(RegistryADataDirectory, _portA, RegistryArguments("site-a", SecretA));

    /// <summary>An admin command against the index's database, as an operator would run it next to the server.</summary>
    public async Task<string> AdminAsync(params string[] arguments) =>
        (await BerthProcess.RunCommandAsync([.. arguments, "--data-dir", IndexDataDirectory, "--config", IndexConfig])).EnsureSuccess().StandardOutput;

    private string[] RegistryArguments(string name, string secret) =>
    [
        "--role", "registry", "--index-url", $"http://127.0.0.1:{_indexPort}/",
        $"--Auth:Service={name}", $"--IndexEvents:Secret={secret}", "--IndexEvents:MaxBackoff=00:00:01",
        "--Logging:LogLevel:Berth.Hosting.RequestLogging=Information",
    ];
}
