using Berth.Tokens;

namespace Berth.Index.Tokens;

internal sealed record TokenResponse(IssuedToken Access, IssuedToken? Refresh, IReadOnlyList<TokenAccessEntry> Granted);
