using Berth.Interop.Tests.Fixtures;

namespace Berth.Interop.Tests.Tools;

/// <summary>The berth executable's client commands (copy, push, pull), run as a real process from the build output.</summary>
public static class BerthCli
{
    /// <summary>Runs `berth ARGS` with --quiet; the result carries the exit code, the digest on stdout and errors on stderr.</summary>
    public static Task<ProcessResult> TryRunAsync(IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        ProcessRunner.RunAsync(
            BerthProcess.DotnetHost(),
            [BerthProcess.LocateBerthDll(), .. arguments, "--quiet"],
            TimeSpan.FromMinutes(5),
            new Dictionary<string, string>(environment ?? new Dictionary<string, string>())
            {
                // No credentials from the machine's own files unless a test names one.
                ["REGISTRY_AUTH_FILE"] = environment?.GetValueOrDefault("REGISTRY_AUTH_FILE") ?? "/nonexistent/auth.json",
                ["DOCKER_CONFIG"] = environment?.GetValueOrDefault("DOCKER_CONFIG") ?? "/nonexistent",
                ["XDG_RUNTIME_DIR"] = "/nonexistent",
            });

    /// <summary>Runs `berth ARGS --quiet`, fails on a non-zero exit, and returns the digest it printed.</summary>
    public static async Task<string> RunAsync(params string[] arguments) =>
        (await TryRunAsync(null, arguments)).EnsureSuccess().StandardOutput.Trim();
}
