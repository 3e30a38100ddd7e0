namespace Berth.Index.Api;

/// <summary>The signed-in account.</summary>
public sealed record MeResponse(long Id, string Name, bool IsAdmin, IReadOnlyList<string>? TokenActions);
