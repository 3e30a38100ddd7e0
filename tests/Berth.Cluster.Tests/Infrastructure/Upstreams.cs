namespace Berth.Cluster.Tests.Infrastructure;

/// <summary>Which node nginx passed a request to, from the X-Berth-Upstream header its configuration adds.</summary>
public static class Upstreams
{
    public const string Header = "X-Berth-Upstream";

    public static string Of(HttpResponseMessage response) =>
        response.Headers.TryGetValues(Header, out var values)
            ? values.Single()
            : throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} came back without {Header}: did it pass nginx?");

    public static ClusterNode NodeOf(ClusterFixture cluster, HttpResponseMessage response)
    {
        var address = Of(response);

        // After a retry nginx lists every upstream it tried ("a, b"); the last one answered.
        var answered = address.Split(',')[^1].Trim();
        return cluster.Nodes.SingleOrDefault(n => n.UpstreamAddress == answered)
            ?? throw new InvalidOperationException($"{Header} '{address}' names no node of the cluster.");
    }
}
