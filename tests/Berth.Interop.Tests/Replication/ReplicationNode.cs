using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Berth.Interop.Tests.Fixtures;

namespace Berth.Interop.Tests.Replication;

/// <summary>
/// A Berth process (registry and index together, open auth) whose replication worker polls fast and retries soon,
/// driven through its admin API under /api/v1/admin/replication.
/// </summary>
public sealed class ReplicationNode : IAsyncDisposable
{
    public const string Api = "/api/v1/admin/replication";

    /// <summary>The settings every test node runs with: quick polls, short leases, short back-off.</summary>
    public static readonly IReadOnlyList<string> FastReplication =
    [
        "--Replication:PollInterval=00:00:00.200",
        "--Replication:LeaseDuration=00:00:03",
        "--Replication:RetryDelay=00:00:01",
        "--Replication:MaxRetryDelay=00:00:02",
        "--Replication:RequestAttempts=1",
    ];

    private readonly IReadOnlyList<string> _arguments;
    private readonly int _port;

    private ReplicationNode(string dataDirectory, int port, IReadOnlyList<string> arguments)
    {
        DataDirectory = dataDirectory;
        _port = port;
        _arguments = arguments;
    }

    public BerthProcess Process { get; private set; } = null!;

    public string DataDirectory { get; }

    public string HostPort => Process.HostPort;

    public HttpClient Http { get; private set; } = null!;

    public static async Task<ReplicationNode> StartAsync(string dataDirectory, params string[] extraArguments)
    {
        // A setting given by the test replaces the fast default of the same key.
        static string Key(string argument) => argument.Split('=')[0];
        var defaults = FastReplication.Where(f => !extraArguments.Any(e => Key(e) == Key(f)));
        var node = new ReplicationNode(dataDirectory, FreePort.Next(), ["--auth", "none", .. defaults, .. extraArguments]);
        await node.RestartAsync();
        return node;
    }

    /// <summary>Starts the process (again, after <see cref="BerthProcess.KillAsync"/>) on the same port and data.</summary>
    public async Task RestartAsync()
    {
        Http?.Dispose();
        // Several Berth processes start at once on a loaded machine: a minute was not always enough.
        Process = await BerthProcess.StartAsync(DataDirectory, _port, _arguments, TimeSpan.FromMinutes(3));
        Http = new HttpClient { BaseAddress = Process.BaseAddress, Timeout = TimeSpan.FromMinutes(1) };
    }

    public Task AddTargetAsync(string name, string hostPort) =>
        AddTargetAsync(new JsonObject { ["name"] = name, ["url"] = $"http://{hostPort}/" });

    /// <summary>Adds a target described in full (credentials, TLS trust), as the admin API takes it.</summary>
    public Task AddTargetAsync(JsonObject target) => PostAsync("/targets", target);

    /// <summary>Adds a rule; <paramref name="rule"/> holds the fields besides name and target (defaults otherwise).</summary>
    public Task AddRuleAsync(string name, string target, JsonObject rule)
    {
        rule["name"] = name;
        rule["target"] = target;
        return PostAsync("/rules", rule);
    }

    /// <summary>Queues a run of the rule; returns the execution's id.</summary>
    public async Task<long> RunAsync(string rule)
    {
        using var response = await Http.PostAsync($"{Api}/rules/{rule}/run", null);
        await EnsureAsync(response);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>();
    }

    public async Task<IReadOnlyList<JsonObject>> ExecutionsAsync(string? rule = null) =>
        [.. (await Http.GetFromJsonAsync<JsonArray>($"{Api}/executions?limit=500{(rule is null ? string.Empty : "&rule=" + rule)}"))!.Select(e => e!.AsObject())];

    /// <summary>Polls the executions until <paramref name="done"/> holds for the list, failing with the list after the deadline.</summary>
    public async Task<IReadOnlyList<JsonObject>> WaitForExecutionsAsync(Func<IReadOnlyList<JsonObject>, bool> done, TimeSpan deadline, string? rule = null)
    {
        var until = DateTime.UtcNow + deadline;
        while (true)
        {
            var executions = await ExecutionsAsync(rule);
            if (done(executions))
            {
                return executions;
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"The executions did not reach the expected state in {deadline}:\n{string.Join('\n', executions)}\nberth log:\n{Process.Log}");
            }

            await Task.Delay(100);
        }
    }

    public static bool Succeeded(JsonObject execution) => execution["status"]!.GetValue<string>() == "Succeeded";

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (Process is not null)
        {
            await Process.DisposeAsync();
        }
    }

    private async Task PostAsync(string path, JsonObject body)
    {
        using var response = await Http.PostAsJsonAsync(Api + path, body);
        await EnsureAsync(response);
    }

    private static async Task EnsureAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
