using System.Security.Cryptography;
using System.Text.Json;
using Berth.Index.Data;
using Berth.Index.Tokens;
using Berth.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Index.Tests.Keys;

/// <summary>
/// Signing keys live in the index database, so index nodes on one database share them: each "node" here is its own
/// service provider (own caches, own connections) on one database, as N processes would be.
/// </summary>
public abstract class SharedSigningKeysTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _time = new();
    private readonly List<ServiceProvider> _nodes = [];
    private TestDatabase _database = null!;

    protected abstract DatabaseProvider Provider { get; }

    protected string DataDirectory { get; } = Directory.CreateTempSubdirectory("berth-keys-").FullName;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(Provider);

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        await _database.DisposeAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }

    [Fact]
    public async Task NodesStartingAtOnce_EndWithOneActiveKeyAndOneAdministrator()
    {
        var nodes = Enumerable.Range(0, 4).Select(_ => Node()).ToList();

        await Task.WhenAll(nodes.Select(n => Task.Run(() => n.GetRequiredService<IndexInitializer>().InitializeAsync(bootstrap: true, default))));
        var active = await Task.WhenAll(nodes.Select(n => n.GetRequiredService<SigningKeyStore>().GetActiveKeyAsync(default)));

        Assert.Single(active.Select(k => k.KeyId).Distinct());
        await using var db = nodes[0].GetRequiredService<IndexDbContextFactory>().Create();
        Assert.Equal(1, await db.SigningKeys.CountAsync());
        Assert.Equal(1, await db.Users.CountAsync(u => u.IsAdmin));
    }

    [Fact]
    public async Task RotationOnOneNode_ReachesTheOther_AndTheOldKeyKeepsVerifying()
    {
        var (a, b) = (await StartedNodeAsync(), await StartedNodeAsync());
        var before = await Keys(b).GetActiveKeyAsync(default);
        _time.Advance(TimeSpan.FromSeconds(1));

        var rotated = await Keys(a).RotateAsync(default);
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(rotated.KeyId, (await Keys(b).FindKeyAsync(rotated.KeyId, default))?.KeyId);
        Assert.Equal(rotated.KeyId, (await Keys(b).GetActiveKeyAsync(default)).KeyId);
        var published = await Keys(b).GetKeysAsync(false, default);
        Assert.Equal([rotated.KeyId, before.KeyId], published.Select(k => k.KeyId));
        Assert.NotNull(published[1].RetiredAt);
    }

    [Fact]
    public async Task ConcurrentRotations_EndWithOneActiveKey()
    {
        var nodes = new[] { await StartedNodeAsync(), await StartedNodeAsync() };

        await Task.WhenAll(nodes.Select(n => Task.Run(async () =>
        {
            for (var i = 0; i < 3; i++)
            {
                await Keys(n).RotateAsync(default);
            }
        })));

        await using var db = nodes[0].GetRequiredService<IndexDbContextFactory>().Create();
        Assert.Equal(1, await db.SigningKeys.CountAsync(k => k.Active == true));
        Assert.Equal(7, await db.SigningKeys.CountAsync());
        Assert.Equal(6, await db.SigningKeys.CountAsync(k => k.RetiredAt != null));
    }

    [Fact]
    public async Task RetiredKeys_AreDeletedOnceNoTokenTheySignedCanBeValid()
    {
        var node = await StartedNodeAsync();
        var first = await Keys(node).GetActiveKeyAsync(default);
        await Keys(node).RotateAsync(default);

        _time.Advance(TimeSpan.FromDays(29));
        await Keys(node).RotateAsync(default);
        Assert.Contains(first.KeyId, (await Keys(node).GetKeysAsync(true, default)).Select(k => k.KeyId));

        _time.Advance(TimeSpan.FromDays(2));
        await Keys(node).RotateAsync(default);
        Assert.DoesNotContain(first.KeyId, (await Keys(node).GetKeysAsync(true, default)).Select(k => k.KeyId));
        await using var db = node.GetRequiredService<IndexDbContextFactory>().Create();
        Assert.False(await db.SigningKeys.AnyAsync(k => k.KeyId == first.KeyId));
    }

    [Fact]
    public async Task KeyFilesOfEarlierVersions_AreImportedOnce_ThenDeleted()
    {
        using var activeKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var retiredKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var now = _time.GetUtcNow();
        WriteKeyFile(activeKey, now.AddDays(-2), null);
        WriteKeyFile(retiredKey, now.AddDays(-3), now.AddDays(-2));

        var node = await StartedNodeAsync();
        var active = await Keys(node).GetActiveKeyAsync(default);
        var keys = await Keys(node).GetKeysAsync(true, default);

        Assert.Equal(SigningKey.Thumbprint(activeKey), active.KeyId);
        Assert.Equal([SigningKey.Thumbprint(activeKey), SigningKey.Thumbprint(retiredKey)], keys.Select(k => k.KeyId));
        Assert.False(Directory.Exists(Path.Combine(DataDirectory, "keys")));
        await StartedNodeAsync();
        Assert.Equal(active.KeyId, (await Keys(node).GetActiveKeyAsync(default)).KeyId);
    }

    [Fact]
    public async Task KeyFileImported_WhenTheDatabaseHasAnActiveKey_IsRetiredButStillVerifies()
    {
        var node = await StartedNodeAsync();
        var active = await Keys(node).GetActiveKeyAsync(default);
        using var fileKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        WriteKeyFile(fileKey, _time.GetUtcNow().AddDays(-1), null);

        await StartedNodeAsync();
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(active.KeyId, (await Keys(node).GetActiveKeyAsync(default)).KeyId);
        var imported = await Keys(node).FindKeyAsync(SigningKey.Thumbprint(fileKey), default);
        Assert.NotNull(imported);
        Assert.NotNull(imported.RetiredAt);
    }

    private static SigningKeyStore Keys(IServiceProvider node) => node.GetRequiredService<SigningKeyStore>();

    private void WriteKeyFile(ECDsa key, DateTimeOffset createdAt, DateTimeOffset? retiredAt)
    {
        var directory = Directory.CreateDirectory(Path.Combine(DataDirectory, "keys")).FullName;
        var json = JsonSerializer.Serialize(new
        {
            KeyId = SigningKey.Thumbprint(key),
            CreatedAt = createdAt,
            RetiredAt = retiredAt,
            PrivateKey = Convert.ToBase64String(key.ExportPkcs8PrivateKey()),
        });
        File.WriteAllText(Path.Combine(directory, SigningKey.Thumbprint(key) + ".json"), json);
    }

    private async Task<ServiceProvider> StartedNodeAsync()
    {
        var node = Node();
        await node.GetRequiredService<IndexInitializer>().InitializeAsync(bootstrap: true, default);
        return node;
    }

    /// <summary>A node: the index's services on the shared database; disposed with the test.</summary>
    protected ServiceProvider Node()
    {
        var settings = new Dictionary<string, string?>(_database.Settings)
        {
            ["Index:AdminPassword"] = "admin-secret-1",
            ["Index:BcryptWorkFactor"] = "4",
        };
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_time);
        services.AddBerthIndexCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), DataDirectory);
        var node = services.BuildServiceProvider();
        _nodes.Add(node);
        return node;
    }
}
