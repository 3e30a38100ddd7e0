using System.Diagnostics;

namespace Berth.Web.Tests.Infrastructure;

/// <summary>skopeo as a process, against Berth's plain-http loopback port.</summary>
internal static class Skopeo
{
    public static async Task PushAsync(string layout, string tag, string reference, string credentials)
    {
        var program = new[] { "/usr/bin/skopeo", "/usr/local/bin/skopeo" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("skopeo is missing: `sudo apt-get install -y skopeo` (scripts/install-test-deps.sh installs it).");
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "--insecure-policy", "copy", "--dest-tls-verify=false", "--dest-creds", credentials, $"oci:{layout}:{tag}", $"docker://{reference}" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("skopeo did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"skopeo copy to {reference} failed ({process.ExitCode}): {await error}{await output}");
        }
    }
}
