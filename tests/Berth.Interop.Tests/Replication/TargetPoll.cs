using System.Diagnostics;

namespace Berth.Interop.Tests.Replication;

/// <summary>Waits, with a deadline, for a registry to show (or stop showing) a manifest, as skopeo sees it.</summary>
public static class TargetPoll
{
    /// <summary>Polls `skopeo inspect --raw` until it succeeds; returns the raw manifest and how long it took.</summary>
    public static async Task<(string Manifest, TimeSpan Elapsed)> UntilPresentAsync(Tools.Skopeo skopeo, string reference, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var result = await skopeo.TryInspectRawAsync(reference);
            if (result.ExitCode == 0)
            {
                return (result.StandardOutput, clock.Elapsed);
            }

            if (clock.Elapsed > deadline)
            {
                throw new TimeoutException($"{reference} did not appear within {deadline}: {result.StandardError}");
            }

            await Task.Delay(100);
        }
    }

    public static async Task UntilAbsentAsync(Tools.Skopeo skopeo, string reference, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        while ((await skopeo.TryInspectRawAsync(reference)).ExitCode == 0)
        {
            if (clock.Elapsed > deadline)
            {
                throw new TimeoutException($"{reference} was still there after {deadline}.");
            }

            await Task.Delay(100);
        }
    }
}
