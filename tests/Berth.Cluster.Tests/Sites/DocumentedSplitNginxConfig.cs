using System.Text.RegularExpressions;
using Berth.Cluster.Tests.Proxy;

namespace Berth.Cluster.Tests.Sites;

/// <summary>
/// The nginx block of docs/deployment.md for one index and a registry per site, read from the page so the documented
/// configuration is the tested one. Only what must differ on a test machine changes, each by a match that fails loudly
/// when the page no longer has it: each upstream's servers (one test process each), each server block's listen
/// address (a loopback port per public host) and the certificate paths.
/// </summary>
internal static partial class DocumentedSplitNginxConfig
{
    public const string Heading = "### nginx in front of the index and the sites";

    /// <param name="upstreams">Upstream name (berth-index, berth-site-a…) → the test process's port.</param>
    /// <param name="hosts">server_name (registry.example.com…) → the loopback port nginx listens on for it.</param>
    public static string ForTest(IReadOnlyDictionary<string, int> upstreams, IReadOnlyDictionary<string, int> hosts, string certificatePath, string keyPath)
    {
        var config = DocumentedNginxConfig.ReadBlock(Heading);
        var seenUpstreams = new HashSet<string>(StringComparer.Ordinal);
        config = Upstream().Replace(config, m =>
        {
            var name = m.Groups["name"].Value;
            var port = upstreams.TryGetValue(name, out var p) ? p : throw new InvalidOperationException($"The documented upstream '{name}' has no test process.");
            seenUpstreams.Add(name);
            var servers = UpstreamServer().Matches(m.Groups["body"].Value);
            if (servers.Count == 0)
            {
                throw new InvalidOperationException($"The documented upstream '{name}' lists no `server 10.x.x.x:port` line.");
            }

            // The first server line becomes the test process; the others (more nodes of the same part) go.
            var body = m.Groups["body"].Value;
            body = body.Replace(servers[0].Value, $"{servers[0].Groups[1].Value}server 127.0.0.1:{port} {servers[0].Groups[2].Value}\n", StringComparison.Ordinal);
            foreach (var extra in servers.Skip(1))
            {
                body = body.Replace(extra.Value, string.Empty, StringComparison.Ordinal);
            }

            return m.Groups["head"].Value + body;
        });
        var seenHosts = new HashSet<string>(StringComparer.Ordinal);
        config = ListenAndName().Replace(config, m =>
        {
            var host = m.Groups["host"].Value;
            var port = hosts.TryGetValue(host, out var p) ? p : throw new InvalidOperationException($"The documented server_name '{host}' has no test port.");
            seenHosts.Add(host);
            return m.Value.Replace("listen 443 ssl http2;", $"listen 127.0.0.1:{port} ssl http2;", StringComparison.Ordinal);
        });
        if (!seenUpstreams.SetEquals(upstreams.Keys) || !seenHosts.SetEquals(hosts.Keys))
        {
            throw new InvalidOperationException(
                $"docs/deployment.md's split nginx block has upstreams [{string.Join(", ", seenUpstreams)}] and hosts [{string.Join(", ", seenHosts)}]; "
                + $"the test expects [{string.Join(", ", upstreams.Keys)}] and [{string.Join(", ", hosts.Keys)}]: update the test with the page.");
        }

        return DocumentedNginxConfig.Replace(DocumentedNginxConfig.Replace(config, "/etc/ssl/example.com.pem", certificatePath), "/etc/ssl/example.com.key", keyPath);
    }

    [GeneratedRegex(@"(?<head>upstream (?<name>[\w-]+) \{)(?<body>[^}]*)", RegexOptions.Singleline)]
    private static partial Regex Upstream();

    [GeneratedRegex(@"^(\s*)server 10\.\d+\.\d+\.\d+:\d+ ([^\n]*)\n", RegexOptions.Multiline)]
    private static partial Regex UpstreamServer();

    [GeneratedRegex(@"listen 443 ssl http2;[^\n]*\n\s*server_name (?<host>[\w.-]+);")]
    private static partial Regex ListenAndName();
}
