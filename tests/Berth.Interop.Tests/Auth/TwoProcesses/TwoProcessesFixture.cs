using System.Text.Json.Nodes;
using Berth.Index;
using Berth.Index.Data;
using Berth.Interop.Tests.Fixtures;
using Berth.Testing;

namespace Berth.Interop.Tests.Auth.TwoProcesses;

/// <summary>
/// The two-process layout as an operator runs it: <c>berth serve --role index</c> and
/// <c>berth serve --role registry --index-url …</c> as two OS processes, the index on a fresh database of one provider.
/// Accounts are made with the <c>berth user</c> command on the index's data directory and configuration.
/// </summary>
public abstract class TwoProcessesFixture : IAsyncLifetime
{
    public const string AdminPassword = "admin-secret-1";
    private readonly DatabaseProvider _provider;
    private readonly TempDirectory _work = new("berth-two-processes-");
    private TestDatabase _database = null!;

    protected TwoProcessesFixture(DatabaseProvider provider) => _provider = provider;

    public BerthProcess Index { get; private set; } = null!;

    public BerthProcess Registry { get; private set; } = null!;

    public string RegistryDataDirectory => _work.Combine("registry");

    public string WorkDirectory => _work.Path;

    private string IndexDataDirectory => _work.Combine("index");

    private string IndexConfig => _work.Combine("index.json");

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(_provider);
        var index = new JsonObject { ["AdminPassword"] = AdminPassword, ["BcryptWorkFactor"] = 4 };
        foreach (var (key, value) in _database.Settings)
        {
            index[key[(IndexOptions.SectionName.Length + 1)..]] = value;
        }

        await File.WriteAllTextAsync(IndexConfig, new JsonObject { [IndexOptions.SectionName] = index }.ToJsonString());
        Index = await BerthProcess.StartAsync(IndexDataDirectory, FreePort.Next(), ["--role", "index", "--config", IndexConfig]);
        Registry = await BerthProcess.StartAsync(RegistryDataDirectory, FreePort.Next(),
        [
            "--role", "registry", "--index-url", Index.BaseAddress.ToString(),
            "--Logging:LogLevel:Berth.Tokens.JwksKeySource=Information",
        ]);
        await AdminAsync("user", "add", "alice", "--password", "alice-password");
        await AdminAsync("user", "add", "bob", "--password", "bob-password");
    }

    public async Task DisposeAsync()
    {
        await Registry.DisposeAsync();
        await Index.DisposeAsync();
        await _database.DisposeAsync();
        _work.Dispose();
    }

    /// <summary>An admin command against the index's database, as an operator would run it next to the server.</summary>
    public async Task<string> AdminAsync(params string[] arguments) =>
        (await BerthProcess.RunCommandAsync([.. arguments, "--data-dir", IndexDataDirectory, "--config", IndexConfig])).EnsureSuccess().StandardOutput;
}
