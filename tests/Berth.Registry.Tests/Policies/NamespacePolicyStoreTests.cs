using System.Text;
using Berth.Registry.Layout;
using Berth.Registry.Names;
using Berth.Registry.Policies;

namespace Berth.Registry.Tests.Policies;

public sealed class NamespacePolicyStoreTests : IDisposable
{
    private readonly StoreFixture _store = new();

    private static NamespacePolicy Sample => new()
    {
        ImmutableTags = [new ImmutableTagRule { Tags = "v*" }, new ImmutableTagRule { Tags = "stable", Repositories = "team/app" }],
        Retention = [new RetentionRule { Repositories = "team/**", KeepLast = 3, OlderThanDays = 30, KeepTags = ["latest", "release-*"] }],
    };

    [Fact]
    public async Task Put_ThenGet_ReturnsThePolicyOnThisAndAnotherNode()
    {
        var stored = await _store.Policies.PutAsync("team", Sample, default);
        Assert.Equal("team", stored.Namespace);
        Assert.NotNull(stored.UpdatedAt);
        Assert.Contains(RegistryLayout.Policy("team"), _store.Files());

        using var other = _store.OtherNode();
        foreach (var policies in new[] { _store.Policies, other.Policies })
        {
            var read = await policies.GetAsync("team", default);
            Assert.NotNull(read);
            Assert.Equal("team", read.Namespace);
            Assert.Equal(["v*", "stable"], read.ImmutableTags.Select(r => r.Tags));
            var rule = Assert.Single(read.Retention);
            Assert.Equal(3, rule.KeepLast);
            Assert.Equal(30, rule.OlderThanDays);
            Assert.Equal(["latest", "release-*"], rule.KeepTags);
        }
    }

    [Fact]
    public async Task GetOfNamespaceWithoutPolicy_IsNull()
    {
        Assert.Null(await _store.Policies.GetAsync("nobody", default));
        Assert.Null(await _store.Policies.GetAsync("not/a-namespace", default));
    }

    [Fact]
    public async Task List_ReturnsEveryPolicyByNamespace_AndDeleteRemovesOne()
    {
        await _store.Policies.PutAsync("zeta", new NamespacePolicy { Retention = [new RetentionRule { KeepLast = 1 }] }, default);
        await _store.Policies.PutAsync("alpha", new NamespacePolicy { ImmutableTags = [new ImmutableTagRule { Tags = "*" }] }, default);
        Assert.Equal(["alpha", "zeta"], (await _store.Policies.ListAsync(default)).Select(p => p.Namespace));

        Assert.True(await _store.Policies.DeleteAsync("zeta", default));
        Assert.False(await _store.Policies.DeleteAsync("zeta", default));
        Assert.Null(await _store.Policies.GetAsync("zeta", default));
        Assert.Equal(["alpha"], (await _store.Policies.ListAsync(default)).Select(p => p.Namespace));
    }

    [Fact]
    public async Task WriteOnAnotherNode_IsSeenAfterTheCacheExpires()
    {
        Assert.Null(await _store.Policies.GetAsync("team", default));
        using var other = _store.OtherNode();
        await other.Policies.PutAsync("team", Sample, default);

        // Cached absence on this node: the documented bound, not a miss.
        Assert.Null(await _store.Policies.GetAsync("team", default));
        _store.Policies.ClearCache();
        Assert.NotNull(await _store.Policies.GetAsync("team", default));
    }

    [Theory]
    [InlineData("v[1]", "immutableTags[0].tags: pattern 'v[1]' holds '['")]
    [InlineData("", "immutableTags[0].tags: the pattern is empty")]
    [InlineData("a***", "holds '***'")]
    public async Task Put_WithBadTagPattern_IsRefusedNamingTheFieldAndWritesNothing(string pattern, string expected)
    {
        var policy = new NamespacePolicy { ImmutableTags = [new ImmutableTagRule { Tags = pattern }] };
        var error = await Assert.ThrowsAsync<PolicyValidationException>(() => _store.Policies.PutAsync("team", policy, default));
        Assert.Contains(error.Problems, p => p.Contains(expected, StringComparison.Ordinal));
        Assert.DoesNotContain(_store.Files(), f => f.StartsWith(RegistryLayout.PoliciesRoot, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Put_WithBadRetentionRules_ListsEveryProblem()
    {
        var policy = new NamespacePolicy
        {
            Retention =
            [
                new RetentionRule { KeepTags = ["ok"] },
                new RetentionRule { KeepLast = 0, OlderThanDays = -1, KeepTags = ["bad tag"] },
                new RetentionRule { KeepLast = 1, Repositories = "other/*" },
                new RetentionRule { KeepLast = 1, Repositories = "Team/App" },
            ],
        };
        var error = await Assert.ThrowsAsync<PolicyValidationException>(() => _store.Policies.PutAsync("team", policy, default));
        Assert.Equal(
            [
                "retention[0]: set keepLast, olderThanDays or both; a rule with neither removes nothing",
                "retention[1].keepLast: 0 is not between 1 and 100000",
                "retention[1].olderThanDays: -1 is not between 1 and 36500",
                "retention[1].keepTags[0]: pattern 'bad tag' holds ' '; a pattern may hold letters, digits, '.', '_', '-' and the wildcards '*', '**' and '?'",
                "retention[2].repositories: pattern 'other/*' cannot match a repository of namespace 'team'; patterns match the full name, e.g. 'team/app*'",
                "retention[3].repositories: pattern 'Team/App' holds 'T'; a pattern may hold lowercase letters, digits, '.', '_', '-', '/' and the wildcards '*', '**' and '?'",
            ],
            error.Problems);
    }

    [Fact]
    public async Task Put_ForInvalidNamespace_IsRefused()
    {
        var error = await Assert.ThrowsAsync<PolicyValidationException>(() => _store.Policies.PutAsync("team/app", Sample, default));
        Assert.Contains("namespace 'team/app'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreadableStoredDocument_FailsLoudlyInsteadOfActingAsNoPolicy()
    {
        await _store.Driver.PutContentAsync(RegistryLayout.Policy("team"), Encoding.UTF8.GetBytes("""{"immutableTags":[{"tag":"v*"}]}"""), default);
        var error = await Assert.ThrowsAsync<RegistryException>(() => _store.Policies.GetAsync("team", default));
        Assert.Contains("namespace 'team'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v*", "v1.2", true)]
    [InlineData("v*", "latest", false)]
    [InlineData("v?", "v1", true)]
    [InlineData("v?", "v10", false)]
    [InlineData("release-*", "release-2026.1", true)]
    [InlineData("team/*", "team/app", true)]
    [InlineData("team/*", "team/app/tools", false)]
    [InlineData("team/**", "team/app/tools", true)]
    [InlineData("team/a.p", "team/aap", false)]
    public void Pattern_MatchesGlobs(string pattern, string value, bool expected) =>
        Assert.Equal(expected, PolicyPattern.IsMatch(pattern, value));

    [Fact]
    public void FindImmutableRule_HonoursTheRepositoryPattern()
    {
        var rule = Sample.FindImmutableRule(RepositoryName.Parse("team/app"), "stable");
        Assert.Equal("stable", rule?.Tags);
        Assert.Null(Sample.FindImmutableRule(RepositoryName.Parse("team/other"), "stable"));
        Assert.Equal("v*", Sample.FindImmutableRule(RepositoryName.Parse("team/other"), "v2")?.Tags);
    }

    public void Dispose() => _store.Dispose();
}
