namespace Berth.Cluster.Tests.Proxy;

/// <summary>
/// <see cref="TlsProxyFixture"/> with blob offload: the node runs with Registry:BlobOffload:Mode=XAccelRedirect and
/// nginx's server block gets docs/deployment.md's offload location, read from the page, its storage root pointed at
/// the node's data directory.
/// </summary>
public sealed class BlobOffloadProxyFixture : TlsProxyFixture
{
    public const string Heading = "### 5. Blob offload (filesystem storage, optional)";

    /// <summary>The storage root in the documented block.</summary>
    private const string DocumentedRoot = "/srv/berth/";

    protected override IReadOnlyList<string> ExtraBerthArguments => ["--Registry:BlobOffload:Mode=XAccelRedirect"];

    protected override string NginxConfig(string documented)
    {
        if (OperatingSystem.IsLinux())
        {
            // nginx's workers drop root for an unprivileged user and open the blob files themselves.
            File.SetUnixFileMode(Path.GetDirectoryName(DataDirectory)!, (UnixFileMode)0b111_101_101);
        }

        var offload = DocumentedNginxConfig.Replace(DocumentedNginxConfig.ReadBlock(Heading), DocumentedRoot, DataDirectory + "/");
        var end = documented.LastIndexOf('}');
        return documented[..end] + offload + documented[end..];
    }
}
