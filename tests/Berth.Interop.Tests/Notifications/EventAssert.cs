using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Berth.Interop.Tests.Notifications;

/// <summary>Finds events by action and digest and checks the envelope's HTTP contract.</summary>
internal static class EventAssert
{
    public const string EnvelopeMediaType = "application/vnd.docker.distribution.events.v1+json";

    public static bool Has(IEnumerable<JsonObject> events, string action, string digest) =>
        events.Any(e => Action(e) == action && Digest(e) == digest);

    public static JsonObject Single(IEnumerable<JsonObject> events, string action, string digest) =>
        Assert.Single(events, e => Action(e) == action && Digest(e) == digest);

    public static string? Action(JsonObject e) => e["action"]?.GetValue<string>();

    public static string? Digest(JsonObject e) => e["target"]?["digest"]?.GetValue<string>();

    public static string? Text(JsonObject e, string record, string field) => e[record]?[field]?.GetValue<string>();

    public static long? Number(JsonObject e, string record, string field) => e[record]?[field]?.GetValue<long>();

    /// <summary>Every request carries the envelope's media type and a valid HMAC-SHA256 of its exact body.</summary>
    public static void SignedEnvelopes(IEnumerable<ReceivedRequest> requests, string secret)
    {
        foreach (var request in requests)
        {
            Assert.Equal(EnvelopeMediaType, request.Headers["Content-Type"]);
            var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), request.Body));
            Assert.Equal(expected, request.Headers["X-Berth-Signature"]);
        }
    }
}
