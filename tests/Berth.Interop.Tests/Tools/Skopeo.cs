using System.Text.Json.Nodes;

namespace Berth.Interop.Tests.Tools;

/// <summary>skopeo against a plain-http registry on loopback, with no policy or registries.conf from the machine.</summary>
public sealed class Skopeo
{
    private readonly string _program = RequiredTool.Locate("skopeo", "skopeo");

    /// <summary>oci:LAYOUT:TAG to docker://REFERENCE; every platform of an index, digests preserved.</summary>
    public Task PushAsync(string layout, string tag, string reference) =>
        RunAsync("copy", "--all", "--preserve-digests", "--dest-tls-verify=false", $"oci:{layout}:{tag}", $"docker://{reference}");

    /// <summary>
    /// Like <see cref="PushAsync"/>, but a failure is returned rather than thrown, for tests of refusals and faults;
    /// <paramref name="retryTimes"/> is skopeo's own retry of a failed copy.
    /// </summary>
    public Task<ProcessResult> TryPushAsync(string layout, string tag, string reference, TimeSpan? timeout = null, int retryTimes = 0) =>
        ProcessRunner.RunAsync(_program, ["--insecure-policy", "copy", "--all", "--preserve-digests", $"--retry-times={retryTimes}", "--dest-tls-verify=false", $"oci:{layout}:{tag}", $"docker://{reference}"], timeout);

    /// <summary>Like <see cref="PullAsync"/>, but a failure is returned rather than thrown.</summary>
    public Task<ProcessResult> TryPullAsync(string reference, string layout, string tag, TimeSpan? timeout = null, int retryTimes = 0) =>
        ProcessRunner.RunAsync(_program, ["--insecure-policy", "copy", "--all", "--preserve-digests", $"--retry-times={retryTimes}", "--src-tls-verify=false", $"docker://{reference}", $"oci:{layout}:{tag}"], timeout);

    public Task PullAsync(string reference, string layout, string tag) =>
        RunAsync("copy", "--all", "--preserve-digests", "--src-tls-verify=false", $"docker://{reference}", $"oci:{layout}:{tag}");

    public async Task<string> InspectRawAsync(string reference) =>
        (await RunAsync("inspect", "--raw", "--tls-verify=false", $"docker://{reference}")).StandardOutput;

    public async Task<IReadOnlyList<string>> ListTagsAsync(string repository)
    {
        var output = (await RunAsync("list-tags", "--tls-verify=false", $"docker://{repository}")).StandardOutput;
        return [.. JsonNode.Parse(output)!["Tags"]!.AsArray().Select(t => t!.GetValue<string>())];
    }

    public Task DeleteAsync(string reference) => RunAsync("delete", "--tls-verify=false", $"docker://{reference}");

    public Task<ProcessResult> TryInspectRawAsync(string reference) =>
        ProcessRunner.RunAsync(_program, ["--insecure-policy", "inspect", "--raw", "--tls-verify=false", $"docker://{reference}"]);

    public async Task<ProcessResult> RunAsync(params string[] arguments) =>
        (await ProcessRunner.RunAsync(_program, ["--insecure-policy", .. arguments])).EnsureSuccess();
}
