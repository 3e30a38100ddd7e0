using System.Buffers;
using System.Diagnostics;

namespace Berth.Storage.Instrumentation;

internal sealed class InstrumentedStorageWriter(IStorageWriter inner, string driver, StorageMetrics metrics) : IStorageWriter
{
    public long Size => inner.Size;

    public ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken) =>
        CountAsync(() => inner.WriteAsync(buffer, cancellationToken), buffer.Length);

    public ValueTask WriteAsync(ReadOnlySequence<byte> content, CancellationToken cancellationToken) =>
        CountAsync(() => inner.WriteAsync(content, cancellationToken), content.Length);

    public Task CloseAsync(CancellationToken cancellationToken) => MeasureAsync("writer_close", () => inner.CloseAsync(cancellationToken));

    public Task CommitAsync(CancellationToken cancellationToken) => MeasureAsync("writer_commit", () => inner.CommitAsync(cancellationToken));

    public async Task<bool> TryCommitToAsync(string destinationPath, CancellationToken cancellationToken)
    {
        StoragePath.Validate(destinationPath);
        var committed = false;
        await MeasureAsync("writer_commit_to", async () => committed = await inner.TryCommitToAsync(destinationPath, cancellationToken));
        return committed;
    }

    public Task CancelAsync(CancellationToken cancellationToken) => MeasureAsync("writer_cancel", () => inner.CancelAsync(cancellationToken));

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private async ValueTask CountAsync(Func<ValueTask> write, long length)
    {
        try
        {
            await write();
        }
        catch (Exception e)
        {
            metrics.Failed(driver, "write", e);
            throw;
        }

        metrics.Transferred(driver, "write", length);
    }

    private async Task MeasureAsync(string operation, Func<Task> action)
    {
        metrics.Started(driver, operation);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await action();
        }
        catch (Exception e)
        {
            metrics.Failed(driver, operation, e);
            throw;
        }
        finally
        {
            metrics.Completed(driver, operation, started);
        }
    }
}
