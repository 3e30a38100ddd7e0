namespace Berth.Client.Copy;

/// <summary>What a copy reports as it goes: each blob's start, bytes read from the source, and how it ended.</summary>
public interface ICopyProgress
{
    /// <summary>A blob transfer starts (or restarts after a retry): its progress goes back to zero.</summary>
    void BlobStarted(string digest, string label, long size);

    void BlobAdvanced(string digest, long bytes);

    void BlobFinished(string digest, BlobOutcome outcome);

    void Retrying(Exception error, TimeSpan delay);
}

/// <summary>How a blob reached the destination.</summary>
public enum BlobOutcome
{
    Copied,
    Compressed,
    Decompressed,
    Skipped,
    Mounted,
}
