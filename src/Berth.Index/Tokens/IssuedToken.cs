namespace Berth.Index.Tokens;

internal sealed record IssuedToken(string Token, int ExpiresIn, DateTimeOffset IssuedAt);
