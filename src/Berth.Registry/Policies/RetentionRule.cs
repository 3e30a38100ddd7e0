namespace Berth.Registry.Policies;

/// <summary>
/// Which tags retention removes from the repositories the rule applies to. A tag is removed when every limit that is
/// set condemns it: beyond the newest <see cref="KeepLast"/> by push time, and pushed more than
/// <see cref="OlderThanDays"/> ago. Tags matching a <see cref="KeepTags"/> pattern are never removed by the rule.
/// When several rules apply to a repository, a tag goes only if every one of them would remove it, so adding a rule
/// never removes more.
/// </summary>
public sealed record RetentionRule
{
    public const int MaxKeepLast = 100_000;
    public const int MaxOlderThanDays = 36_500;

    /// <summary>A repository pattern matched against the full name; null for every repository of the namespace.</summary>
    public string? Repositories { get; init; }

    /// <summary>Keep this many most recently pushed tags.</summary>
    public int? KeepLast { get; init; }

    /// <summary>Remove tags last pushed more than this many days ago.</summary>
    public int? OlderThanDays { get; init; }

    /// <summary>Tag patterns never removed (e.g. <c>latest</c>, <c>release-*</c>).</summary>
    public IReadOnlyList<string> KeepTags { get; init => field = value ?? []; } = [];

    public bool AppliesTo(string repository) => Repositories is null || PolicyPattern.IsMatch(Repositories, repository);

    public bool Keeps(string tag) => KeepTags.Any(pattern => PolicyPattern.IsMatch(pattern, tag));
}
