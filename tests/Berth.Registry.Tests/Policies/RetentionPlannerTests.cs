using Berth.Registry.Content;
using Berth.Registry.Policies;
using Berth.Registry.Retention;

namespace Berth.Registry.Tests.Policies;

public sealed class RetentionPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private static TagState Tag(string name, double daysAgo) =>
        new(name, Digest.Compute(DigestAlgorithm.Sha256, System.Text.Encoding.UTF8.GetBytes(name)), Now.AddDays(-daysAgo));

    private static string[] Removed(IReadOnlyList<RetentionRule> rules, IEnumerable<TagState> tags, params string[] immutable) =>
        [.. RetentionPlanner.Plan(rules, [.. tags], immutable.Contains, Now).Removed.Select(r => r.Tag.Tag).Order(StringComparer.Ordinal)];

    [Fact]
    public void KeepLast_CountsOnlyTagsTheRuleMayRemove()
    {
        var tags = new[] { Tag("latest", 9), Tag("v1", 8), Tag("a", 5), Tag("b", 4), Tag("c", 3) };

        Assert.Equal(["a"], Removed([new RetentionRule { KeepLast = 2, KeepTags = ["latest"] }], tags, "v1"));
    }

    [Fact]
    public void SeveralRules_RemoveOnlyWhatEveryOneCondemns()
    {
        var tags = new[] { Tag("a", 50), Tag("b", 40), Tag("c", 2), Tag("d", 1) };
        RetentionRule[] rules = [new() { KeepLast = 1 }, new() { OlderThanDays = 30 }];

        Assert.Equal(["a", "b"], Removed(rules, tags));
    }

    [Fact]
    public void EqualPushTimes_AreOrderedByName_SoRunsAgree()
    {
        var tags = new[] { Tag("b", 1), Tag("a", 1), Tag("c", 1) };

        Assert.Equal(["a"], Removed([new RetentionRule { KeepLast = 2 }], tags));
    }

    [Fact]
    public void NoRules_RemoveNothing() =>
        Assert.Empty(Removed([], [Tag("a", 1000)]));

    [Fact]
    public void Reason_NamesTheRuleAndTheLimits()
    {
        var plan = RetentionPlanner.Plan([new RetentionRule { KeepLast = 1, OlderThanDays = 30 }], [Tag("new", 1), Tag("old", 40)], _ => false, Now);

        var (tag, reason) = Assert.Single(plan.Removed);
        Assert.Equal("old", tag.Tag);
        Assert.StartsWith("retention[0]: not among the newest 1 and pushed ", reason, StringComparison.Ordinal);
        Assert.EndsWith("more than 30 days ago", reason, StringComparison.Ordinal);
    }
}
