using System.Text.Json.Nodes;

namespace Berth.Interop.Tests.Notifications;

/// <summary>One POST the webhook receiver got, with the status it answered.</summary>
public sealed record ReceivedRequest(string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body, int Status)
{
    public IReadOnlyList<JsonObject> Events => [.. JsonNode.Parse(Body)!["events"]!.AsArray().Select(e => e!.AsObject())];
}
