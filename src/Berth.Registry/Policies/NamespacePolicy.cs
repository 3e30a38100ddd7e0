using Berth.Registry.Names;

namespace Berth.Registry.Policies;

/// <summary>
/// The lifecycle settings of one namespace (the first component of repository names): immutable tags and retention
/// rules. Stored as JSON in the storage backend by <see cref="NamespacePolicyStore"/>, so every node applies the same.
/// </summary>
public sealed record NamespacePolicy
{
    public const int MaxRules = 100;

    /// <summary>Set by the store from the document's path; ignored on write.</summary>
    public string Namespace { get; init; } = string.Empty;

    /// <summary>When the policy was last written; set by the store.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    // Null-safe because the JSON source generator sets every init-only property, the ones a document omits to null.
    public IReadOnlyList<ImmutableTagRule> ImmutableTags { get; init => field = value ?? []; } = [];

    public IReadOnlyList<RetentionRule> Retention { get; init => field = value ?? []; } = [];

    /// <summary>Whether <paramref name="name"/> is a namespace a policy can be written for: one repository name component.</summary>
    public static bool IsValidNamespace(string? name) =>
        name is not null && !name.Contains('/', StringComparison.Ordinal) && RepositoryName.TryParse(name, out _);

    /// <summary>The first immutable rule protecting the tag, or null.</summary>
    public ImmutableTagRule? FindImmutableRule(RepositoryName repository, string tag) =>
        ImmutableTags.FirstOrDefault(rule => rule.AppliesTo(repository.Value, tag));

    public IReadOnlyList<RetentionRule> RetentionFor(RepositoryName repository) =>
        [.. Retention.Where(rule => rule.AppliesTo(repository.Value))];

    /// <summary>Every problem of the policy for <paramref name="namespace"/>, each naming the field; empty when it is valid.</summary>
    public IReadOnlyList<string> Validate(string @namespace)
    {
        var problems = new List<string>();
        if (!IsValidNamespace(@namespace))
        {
            problems.Add($"namespace '{@namespace}' is not a repository name component (lowercase letters, digits and separators, no '/')");
        }

        if (ImmutableTags.Count > MaxRules || Retention.Count > MaxRules)
        {
            problems.Add($"at most {MaxRules} immutable tag rules and {MaxRules} retention rules");
        }

        for (var i = 0; i < ImmutableTags.Count; i++)
        {
            var rule = ImmutableTags[i];
            if (rule is null)
            {
                problems.Add($"immutableTags[{i}]: null rule");
                continue;
            }

            Add(problems, $"immutableTags[{i}].tags", PolicyPattern.CheckTagPattern(rule.Tags));
            CheckRepositories(problems, $"immutableTags[{i}].repositories", rule.Repositories, @namespace);
        }

        for (var i = 0; i < Retention.Count; i++)
        {
            var rule = Retention[i];
            if (rule is null)
            {
                problems.Add($"retention[{i}]: null rule");
                continue;
            }

            CheckRetention(problems, $"retention[{i}]", rule, @namespace);
        }

        return problems;
    }

    private static void CheckRetention(List<string> problems, string field, RetentionRule rule, string @namespace)
    {
        CheckRepositories(problems, field + ".repositories", rule.Repositories, @namespace);
        if (rule.KeepLast is null && rule.OlderThanDays is null)
        {
            problems.Add($"{field}: set keepLast, olderThanDays or both; a rule with neither removes nothing");
        }

        if (rule.KeepLast is < 1 or > RetentionRule.MaxKeepLast)
        {
            problems.Add($"{field}.keepLast: {rule.KeepLast} is not between 1 and {RetentionRule.MaxKeepLast}");
        }

        if (rule.OlderThanDays is < 1 or > RetentionRule.MaxOlderThanDays)
        {
            problems.Add($"{field}.olderThanDays: {rule.OlderThanDays} is not between 1 and {RetentionRule.MaxOlderThanDays}");
        }

        for (var j = 0; j < rule.KeepTags.Count; j++)
        {
            Add(problems, $"{field}.keepTags[{j}]", PolicyPattern.CheckTagPattern(rule.KeepTags[j]));
        }
    }

    /// <summary>Patterns match full names, so one whose first component cannot match the namespace is a mistake.</summary>
    private static void CheckRepositories(List<string> problems, string field, string? pattern, string @namespace)
    {
        if (pattern is null)
        {
            return;
        }

        if (PolicyPattern.CheckRepositoryPattern(pattern) is { } problem)
        {
            problems.Add($"{field}: {problem}");
            return;
        }

        var first = pattern.Split('/', 2)[0];
        if (!first.Contains("**", StringComparison.Ordinal) && IsValidNamespace(@namespace) && !PolicyPattern.IsMatch(first, @namespace))
        {
            problems.Add($"{field}: pattern '{pattern}' cannot match a repository of namespace '{@namespace}'; patterns match the full name, e.g. '{@namespace}/app*'");
        }
    }

    private static void Add(List<string> problems, string field, string? problem)
    {
        if (problem is not null)
        {
            problems.Add($"{field}: {problem}");
        }
    }
}
