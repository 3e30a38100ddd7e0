namespace Berth.Interop.Tests.Tools;

/// <summary>umoci, to unpack a pulled image into a rootfs and look at its files.</summary>
public sealed class Umoci
{
    private readonly string _program = RequiredTool.Locate("umoci", "umoci");

    /// <summary>Unpacks LAYOUT:TAG into BUNDLE and returns BUNDLE/rootfs.</summary>
    public async Task<string> UnpackAsync(string layout, string tag, string bundle)
    {
        (await ProcessRunner.RunAsync(_program, ["unpack", "--rootless", "--image", $"{layout}:{tag}", bundle])).EnsureSuccess();
        return Path.Combine(bundle, "rootfs");
    }
}
