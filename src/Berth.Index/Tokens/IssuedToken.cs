namespace Berth.Index.Tokens;

public sealed record IssuedToken(string Token, int ExpiresIn, DateTimeOffset IssuedAt);
