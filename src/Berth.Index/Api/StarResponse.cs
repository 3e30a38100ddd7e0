namespace Berth.Index.Api;

internal sealed record StarResponse(bool Starred, int StarCount);
