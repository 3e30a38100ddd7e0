using System.Diagnostics;

namespace Berth.Interop.Tests.Fixtures;

public static class ServerProbe
{
    /// <summary>
    /// Polls <paramref name="url"/> until it answers with any HTTP status; fails early if the process exits. A handler
    /// (e.g. one trusting a test certificate) is used when given, and left to its owner.
    /// </summary>
    public static async Task WaitUntilRespondsAsync(Uri url, Process process, TimeSpan timeout, HttpMessageHandler? handler = null)
    {
        using var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.Timeout = TimeSpan.FromSeconds(2);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server process exited with {process.ExitCode} before answering {url}.");
            }

            try
            {
                using var response = await http.GetAsync(url);
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
            catch (TaskCanceledException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"The server did not answer {url} within {timeout}.");
    }
}
