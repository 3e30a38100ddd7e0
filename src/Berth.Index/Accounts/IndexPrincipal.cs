namespace Berth.Index.Accounts;

/// <summary>An authenticated account; ActionLimit is set when it authenticated with a personal access token.</summary>
public sealed record IndexPrincipal(long UserId, string Name, bool IsAdmin, bool IsRobot, IReadOnlySet<string>? ActionLimit);
