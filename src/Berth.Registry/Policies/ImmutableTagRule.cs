namespace Berth.Registry.Policies;

/// <summary>
/// Tags matching <see cref="Tags"/> (in repositories matching <see cref="Repositories"/>, or every repository of the
/// namespace when it is null) cannot be moved to another digest or deleted once they exist.
/// </summary>
public sealed record ImmutableTagRule
{
    /// <summary>A tag pattern (<see cref="PolicyPattern"/>), e.g. <c>v*</c>.</summary>
    public required string Tags { get; init; }

    /// <summary>A repository pattern matched against the full name, e.g. <c>team/app*</c>; null for the whole namespace.</summary>
    public string? Repositories { get; init; }

    public bool AppliesTo(string repository, string tag) =>
        (Repositories is null || PolicyPattern.IsMatch(Repositories, repository)) && PolicyPattern.IsMatch(Tags, tag);
}
