using Berth.Client.Copy;

namespace Berth.Commands.Images;

/// <summary>Progress without a terminal (CI logs): one line per finished blob on stderr, nothing at all when quiet.</summary>
internal sealed class LineProgress(bool quiet) : ICopyProgress
{
    public void BlobStarted(string digest, string label, long size)
    {
    }

    public void BlobAdvanced(string digest, long bytes)
    {
    }

    public void BlobFinished(string digest, BlobOutcome outcome)
    {
        if (!quiet)
        {
            Console.Error.WriteLine($"{outcome.ToString().ToLowerInvariant()} {digest}");
        }
    }

    public void Retrying(Exception error, TimeSpan delay)
    {
        if (!quiet)
        {
            Console.Error.WriteLine($"retrying in {delay.TotalSeconds:F1} s: {error.Message}");
        }
    }
}
