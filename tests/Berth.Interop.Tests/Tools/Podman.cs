namespace Berth.Interop.Tests.Tools;

/// <summary>podman with a private image store (vfs), so tests never share or touch the machine's images.</summary>
public sealed class Podman
{
    private readonly string _program = RequiredTool.Locate("podman", "podman");
    private readonly string[] _global;

    public Podman(string directory)
    {
        _global =
        [
            "--root", Path.Combine(directory, "root"),
            "--runroot", Path.Combine(directory, "run"),
            "--tmpdir", Path.Combine(directory, "tmp"),
            "--storage-driver=vfs",
            "--events-backend=file",
            "--cgroup-manager=cgroupfs",
        ];
    }

    public Task PullAsync(string reference) => RunAsync("pull", "--tls-verify=false", "--quiet", reference);

    public Task PushAsync(string image, string reference) => RunAsync("push", "--tls-verify=false", "--quiet", image, reference);

    public Task RemoveImageAsync(string image) => RunAsync("rmi", "--force", image);

    /// <summary>The image ID podman computed, which is the hex of the config digest.</summary>
    public async Task<string> ImageIdAsync(string image) =>
        (await RunAsync("image", "inspect", "--format", "{{.Id}}", image)).StandardOutput.Trim();

    public async Task<ProcessResult> RunAsync(params string[] arguments) =>
        (await TryRunAsync(ProcessRunner.DefaultTimeout, arguments)).EnsureSuccess();

    /// <summary>Runs podman within a bound, returning a failure rather than throwing it (tests of faults).</summary>
    public Task<ProcessResult> TryRunAsync(TimeSpan timeout, params string[] arguments) =>
        ProcessRunner.RunAsync(_program, [.. _global, .. arguments], timeout);
}
