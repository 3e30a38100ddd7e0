using System.Globalization;
using Berth.Registry.Policies;

namespace Berth.Registry.Retention;

/// <summary>
/// Decides which tags of one repository retention removes (<see cref="RetentionRule"/>): a tag goes when every rule
/// that applies condemns it. A rule never condemns a tag its <c>keepTags</c> match or an immutable rule protects; its
/// <c>keepLast</c> counts the newest of the other tags, by push time (ties broken by name, so the outcome is stable on
/// backends that report whole seconds).
/// </summary>
internal static class RetentionPlanner
{
    public static RetentionPlan Plan(IReadOnlyList<RetentionRule> rules, IReadOnlyList<TagState> tags, Func<string, bool> isImmutable, DateTimeOffset now)
    {
        if (rules.Count == 0)
        {
            return new RetentionPlan([], 0);
        }

        var immutable = tags.Where(t => isImmutable(t.Tag)).Select(t => t.Tag).ToHashSet(StringComparer.Ordinal);
        var reasons = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var condemnedBy = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var index = 0; index < rules.Count; index++)
        {
            var rule = rules[index];
            var candidates = tags
                .Where(t => !immutable.Contains(t.Tag) && !rule.Keeps(t.Tag))
                .OrderByDescending(t => t.PushedAt)
                .ThenByDescending(t => t.Tag, StringComparer.Ordinal)
                .ToList();
            for (var rank = 0; rank < candidates.Count; rank++)
            {
                if (Condemns(rule, rank, candidates[rank], now) is { } reason)
                {
                    condemnedBy[candidates[rank].Tag] = condemnedBy.GetValueOrDefault(candidates[rank].Tag) + 1;
                    (reasons.TryGetValue(candidates[rank].Tag, out var list) ? list : reasons[candidates[rank].Tag] = []).Add($"retention[{index}]: {reason}");
                }
            }
        }

        var removed = tags
            .Where(t => condemnedBy.GetValueOrDefault(t.Tag) == rules.Count)
            .Select(t => (t, string.Join("; ", reasons[t.Tag])))
            .ToList();
        return new RetentionPlan(removed, immutable.Count);
    }

    private static string? Condemns(RetentionRule rule, int rank, TagState tag, DateTimeOffset now)
    {
        var reasons = new List<string>(2);
        if (rule.KeepLast is { } keepLast)
        {
            if (rank < keepLast)
            {
                return null;
            }

            reasons.Add($"not among the newest {keepLast}");
        }

        if (rule.OlderThanDays is { } days)
        {
            if (tag.PushedAt > now - TimeSpan.FromDays(days))
            {
                return null;
            }

            reasons.Add($"pushed {tag.PushedAt.ToString("u", CultureInfo.InvariantCulture)}, more than {days} days ago");
        }

        return string.Join(" and ", reasons);
    }
}
