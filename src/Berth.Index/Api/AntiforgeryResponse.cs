namespace Berth.Index.Api;

internal sealed record AntiforgeryResponse(string HeaderName, string Token);
