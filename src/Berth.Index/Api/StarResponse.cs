namespace Berth.Index.Api;

public sealed record StarResponse(bool Starred, int StarCount);
