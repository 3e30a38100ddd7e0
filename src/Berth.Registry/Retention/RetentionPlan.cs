namespace Berth.Registry.Retention;

/// <summary>The tags of one repository a run removes, each with its reason, and how many of its tags immutable rules protect.</summary>
internal sealed record RetentionPlan(IReadOnlyList<(TagState Tag, string Reason)> Removed, int Immutable);
