namespace Berth.Index.Api;

/// <summary>The signed-in account.</summary>
internal sealed record MeResponse(long Id, string Name, bool IsAdmin, IReadOnlyList<string>? TokenActions);
