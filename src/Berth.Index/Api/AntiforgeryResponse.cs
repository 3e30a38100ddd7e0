namespace Berth.Index.Api;

public sealed record AntiforgeryResponse(string HeaderName, string Token);
