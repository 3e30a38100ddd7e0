using System.Text.RegularExpressions;

namespace Berth.Cluster.Tests.Proxy;

/// <summary>
/// The nginx block of docs/deployment.md, read from the page itself so the documented configuration is the tested
/// one. Only what must differ on a test machine is changed, each by an exact match that fails loudly when the page
/// no longer has it: the upstream nodes, the listen address and the certificate paths.
/// </summary>
internal static partial class DocumentedNginxConfig
{
    public static string Read() => ReadBlock("### 4. nginx");

    /// <summary>The first ```nginx block after the heading line <paramref name="heading"/> of docs/deployment.md.</summary>
    public static string ReadBlock(string heading) =>
        new Regex(Regex.Escape(heading) + @"\n.*?```nginx\n(.*?)```", RegexOptions.Singleline).Match(File.ReadAllText(DeploymentPage())) is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException($"docs/deployment.md has no ```nginx block under '{heading}'.");

    /// <summary>The block with one node at 127.0.0.1:berthPort, TLS on 127.0.0.1:port with the given PEM files.</summary>
    public static string ForTest(int port, int berthPort, string certificatePath, string keyPath)
    {
        var config = Read();
        var first = true;
        config = UpstreamServer().Replace(config, m =>
        {
            var line = first ? $"{m.Groups[1].Value}server 127.0.0.1:{berthPort} {m.Groups[2].Value}\n" : string.Empty;
            first = false;
            return line;
        });
        if (first)
        {
            throw new InvalidOperationException("docs/deployment.md's nginx block lists no `server 10.0.0.x:5000` upstream.");
        }

        return Replace(Replace(Replace(config, "listen 443 ssl http2;", $"listen 127.0.0.1:{port} ssl http2;"),
            "/etc/ssl/registry.example.com.pem", certificatePath), "/etc/ssl/registry.example.com.key", keyPath);
    }

    /// <summary>Replaces every occurrence of a documented text, failing loudly when the page no longer has it.</summary>
    public static string Replace(string config, string documented, string test) =>
        config.Contains(documented, StringComparison.Ordinal)
            ? config.Replace(documented, test, StringComparison.Ordinal)
            : throw new InvalidOperationException($"docs/deployment.md's nginx block no longer contains `{documented}`: update the test with the page.");

    private static string DeploymentPage()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var page = Path.Combine(directory.FullName, "docs", "deployment.md");
            if (File.Exists(Path.Combine(directory.FullName, "Berth.slnx")) && File.Exists(page))
            {
                return page;
            }
        }

        throw new InvalidOperationException($"No docs/deployment.md beside a Berth.slnx above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"^(\s*)server 10\.0\.0\.\d+:5000 ([^\n]*)\n", RegexOptions.Multiline)]
    private static partial Regex UpstreamServer();
}
