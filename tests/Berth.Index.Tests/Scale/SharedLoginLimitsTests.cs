using Berth.Index.Accounts;
using Berth.Index.Data;
using Berth.Index.Tests.Keys;
using Berth.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Index.Tests.Scale;

/// <summary>
/// Failed-login limits in the database: each "node" is its own service provider on one database, as N processes
/// behind a round-robin balancer would be, and they must not multiply the attempts allowed.
/// </summary>
public abstract class SharedLoginLimitsTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _time = new();
    private readonly List<ServiceProvider> _nodes = [];
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("berth-limits-").FullName;
    private TestDatabase _database = null!;

    protected abstract DatabaseProvider Provider { get; }

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(Provider);

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        await _database.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task FailuresSpreadOverTwoNodes_CountAgainstOneLimit()
    {
        var (a, b) = (await NodeAsync(), await NodeAsync());

        await Limiter(a).RecordFailureAsync("alice", "10.0.0.1", default);
        await Limiter(b).RecordFailureAsync("alice", "10.0.0.1", default);
        Assert.Null(await Limiter(a).RetryAfterAsync("alice", "10.0.0.1", default));
        await Limiter(a).RecordFailureAsync("alice", "10.0.0.1", default);

        var wait = await Limiter(b).RetryAfterAsync("alice", "10.0.0.1", default);
        Assert.NotNull(wait);
        Assert.InRange(wait.Value, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        Assert.Null(await Limiter(b).RetryAfterAsync("bob", "10.0.0.1", default));
    }

    [Fact]
    public async Task AccountRefusedFromAnAttackersAddress_IsStillAllowedFromAnotherAddress()
    {
        var (a, b) = (await NodeAsync(), await NodeAsync());
        for (var i = 0; i < 4; i++)
        {
            await Limiter(i % 2 == 0 ? a : b).RecordFailureAsync("admin", "203.0.113.9", default);
        }

        Assert.NotNull(await Limiter(a).RetryAfterAsync("admin", "203.0.113.9", default));
        Assert.Null(await Limiter(b).RetryAfterAsync("admin", "10.0.0.5", default));
    }

    [Fact]
    public async Task SuccessFromOneAddress_LeavesTheCountOfAnotherAddress()
    {
        var (a, b) = (await NodeAsync(), await NodeAsync());
        for (var i = 0; i < 3; i++)
        {
            await Limiter(a).RecordFailureAsync("grace", "203.0.113.9", default);
        }

        await Limiter(b).RecordSuccessAsync("grace", "10.0.0.5", default);

        Assert.NotNull(await Limiter(a).RetryAfterAsync("grace", "203.0.113.9", default));
    }

    [Fact]
    public async Task ConcurrentFailuresOnTwoNodes_AreEachCounted()
    {
        var nodes = new[] { await NodeAsync(), await NodeAsync() };

        await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(async () =>
            await Limiter(nodes[i % 2]).RecordFailureAsync("carol", null, default))));

        await using var db = nodes[0].GetRequiredService<IndexDbContextFactory>().Create();
        Assert.Equal(24, (await db.LoginFailures.SingleAsync(r => r.Key == "u:/carol")).Failures);
    }

    [Fact]
    public async Task AddressLimit_CountsFailuresForEveryAccountFromThatAddress()
    {
        var (a, b) = (await NodeAsync(), await NodeAsync());

        for (var i = 0; i < 5; i++)
        {
            await Limiter(i % 2 == 0 ? a : b).RecordFailureAsync("user" + i, "192.0.2.7", default);
        }

        Assert.NotNull(await Limiter(a).RetryAfterAsync("someone-else", "192.0.2.7", default));
        Assert.Null(await Limiter(a).RetryAfterAsync("someone-else", "192.0.2.8", default));
    }

    [Fact]
    public async Task AfterTheWindow_AttemptsAreAllowedAgain_AndEndedWindowsAreDeleted()
    {
        var (a, b) = (await NodeAsync(), await NodeAsync());
        for (var i = 0; i < 3; i++)
        {
            await Limiter(a).RecordFailureAsync("dave", null, default);
        }

        Assert.NotNull(await Limiter(b).RetryAfterAsync("dave", null, default));
        _time.Advance(TimeSpan.FromMinutes(16));

        Assert.Null(await Limiter(b).RetryAfterAsync("dave", null, default));
        await Limiter(b).RecordFailureAsync("erin", null, default);
        await using var db = a.GetRequiredService<IndexDbContextFactory>().Create();
        Assert.False(await db.LoginFailures.AnyAsync(r => r.Key == "u:/dave"));
        Assert.Equal(1, (await db.LoginFailures.SingleAsync(r => r.Key == "u:/erin")).Failures);
    }

    [Fact]
    public async Task SuccessOnOneNode_ClearsTheAccountsFailuresForAll()
    {
        var (a, b) = (await NodeAsync(), await NodeAsync());
        for (var i = 0; i < 3; i++)
        {
            await Limiter(a).RecordFailureAsync("frank", null, default);
        }

        await Limiter(b).RecordSuccessAsync("frank", null, default);

        Assert.Null(await Limiter(a).RetryAfterAsync("frank", null, default));
    }

    private static ILoginRateLimiter Limiter(IServiceProvider node) => node.GetRequiredService<ILoginRateLimiter>();

    private async Task<ServiceProvider> NodeAsync()
    {
        var settings = new Dictionary<string, string?>(_database.Settings)
        {
            ["Index:MaxFailedLoginsPerAccount"] = "3",
            ["Index:MaxFailedLoginsPerAddress"] = "5",
            ["Index:FailedLoginWindow"] = "00:15:00",
        };
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_time);
        services.AddBerthIndexCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), _dataDirectory);
        var node = services.BuildServiceProvider();
        _nodes.Add(node);
        await node.GetRequiredService<IndexDbContextFactory>().MigrateAsync(default);
        return node;
    }
}
