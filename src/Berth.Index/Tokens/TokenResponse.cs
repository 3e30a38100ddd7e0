using Berth.Tokens;

namespace Berth.Index.Tokens;

public sealed record TokenResponse(IssuedToken Access, IssuedToken? Refresh, IReadOnlyList<TokenAccessEntry> Granted);
