using Berth.Tokens;

namespace Berth.Index.Permissions;

/// <summary>What a token request gets: the granted entries, and the requested actions the index refused.</summary>
internal sealed record AccessDecision(IReadOnlyList<TokenAccessEntry> Granted, IReadOnlyList<TokenAccessEntry> Refused);
