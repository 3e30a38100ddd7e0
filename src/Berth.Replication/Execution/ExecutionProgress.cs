using Berth.Client.Copy;
using Berth.Replication.Queue;

namespace Berth.Replication.Execution;

/// <summary>A copy's progress, counted into the execution's record and the metrics.</summary>
internal sealed class ExecutionProgress(ExecutionOutcome outcome, ReplicationMetrics metrics, string rule) : ICopyProgress
{
    public void BlobStarted(string digest, string label, long size)
    {
    }

    public void BlobAdvanced(string digest, long bytes) => metrics.Bytes(rule, bytes);

    public void BlobFinished(string digest, BlobOutcome result)
    {
        metrics.Blob(rule, result);
        _ = result switch
        {
            BlobOutcome.Skipped => Interlocked.Increment(ref outcome.BlobsSkipped),
            BlobOutcome.Mounted => Interlocked.Increment(ref outcome.BlobsMounted),
            _ => Interlocked.Increment(ref outcome.BlobsCopied),
        };
    }

    public void Retrying(Exception error, TimeSpan delay)
    {
    }
}
