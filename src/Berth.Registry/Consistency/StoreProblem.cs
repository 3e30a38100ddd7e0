namespace Berth.Registry.Consistency;

/// <summary>One inconsistency: its kind, the storage path where it was found, and what is wrong there.</summary>
public sealed record StoreProblem(StoreProblemKind Kind, string Path, string Detail);
