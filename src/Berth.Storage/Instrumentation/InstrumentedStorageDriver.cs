using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Berth.Storage.Instrumentation;

/// <summary>
/// Applied to every driver at registration: refuses invalid paths (<see cref="StoragePath"/>) before the driver sees
/// them, so no driver can be tricked into traversal, and records each operation in <see cref="StorageMetrics"/>.
/// </summary>
public sealed class InstrumentedStorageDriver(IStorageDriver inner, StorageMetrics metrics) : IStorageDriver, IStorageDriverDecorator
{
    private readonly string _name = inner.Name;

    public string Name => _name;

    public IStorageDriver Inner => inner;

    public Task<byte[]> GetContentAsync(string path, CancellationToken cancellationToken)
    {
        StoragePath.Validate(path);
        return MeasureAsync("get_content", async () =>
        {
            var content = await inner.GetContentAsync(path, cancellationToken);
            metrics.Transferred(_name, "read", content.Length);
            return content;
        });
    }

    public Task PutContentAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        StoragePath.Validate(path);
        return MeasureAsync("put_content", async () =>
        {
            await inner.PutContentAsync(path, content, cancellationToken);
            metrics.Transferred(_name, "write", content.Length);
            return true;
        });
    }

    public Task<StorageRead> OpenReadAsync(string path, long offset, CancellationToken cancellationToken)
    {
        StoragePath.Validate(path);
        return MeasureAsync("open_read", async () =>
        {
            var read = await inner.OpenReadAsync(path, offset, cancellationToken);
            return new StorageRead(new MeteredReadStream(read.Content, bytes => metrics.Transferred(_name, "read", bytes)), read.Size);
        });
    }

    public Task<IStorageWriter> CreateWriterAsync(string path, bool append, CancellationToken cancellationToken)
    {
        StoragePath.Validate(path);
        return MeasureAsync("create_writer", async () =>
            (IStorageWriter)new InstrumentedStorageWriter(await inner.CreateWriterAsync(path, append, cancellationToken), _name, metrics));
    }

    public Task<IStorageWriter> CreateFreshWriterAsync(string path, CancellationToken cancellationToken)
    {
        StoragePath.Validate(path);
        return MeasureAsync("create_writer", async () =>
            (IStorageWriter)new InstrumentedStorageWriter(await inner.CreateFreshWriterAsync(path, cancellationToken), _name, metrics));
    }

    public Task<long> GetAppendableSizeAsync(string path, CancellationToken cancellationToken)
    {
        StoragePath.Validate(path);
        return MeasureAsync("appendable_size", () => inner.GetAppendableSizeAsync(path, cancellationToken));
    }

    public Task<StorageObjectInfo> StatAsync(string path, CancellationToken cancellationToken)
    {
        StoragePath.Validate(path);
        return MeasureAsync("stat", () => inner.StatAsync(path, cancellationToken));
    }

    /// <summary>Measured as a "stat": to the caller both are one look at a path, and operation names stay comparable across builds.</summary>
    public Task<StorageObjectInfo> StatObjectAsync(string path, CancellationToken cancellationToken)
    {
        StoragePath.Validate(path);
        return MeasureAsync("stat", () => inner.StatObjectAsync(path, cancellationToken));
    }

    public IAsyncEnumerable<string> ListAsync(string path, CancellationToken cancellationToken)
    {
        StoragePath.Validate(path);
        return ListMeasuredAsync(path, cancellationToken);
    }

    public Task MoveAsync(string sourcePath, string destinationPath, CancellationToken cancellationToken)
    {
        StoragePath.Validate(sourcePath);
        StoragePath.Validate(destinationPath);
        return MeasureAsync("move", async () =>
        {
            await inner.MoveAsync(sourcePath, destinationPath, cancellationToken);
            return true;
        });
    }

    public Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        StoragePath.Validate(path);
        return MeasureAsync("delete", async () =>
        {
            await inner.DeleteAsync(path, cancellationToken);
            return true;
        });
    }

    public Task<int> PurgeAbandonedWritesAsync(string path, DateTimeOffset startedBefore, CancellationToken cancellationToken)
    {
        StoragePath.Validate(path);
        return MeasureAsync("purge_abandoned", () => inner.PurgeAbandonedWritesAsync(path, startedBefore, cancellationToken));
    }

    public Task<Uri?> GetRedirectUrlAsync(string path, CancellationToken cancellationToken)
    {
        StoragePath.Validate(path);
        return MeasureAsync("redirect_url", () => inner.GetRedirectUrlAsync(path, cancellationToken));
    }

    private async IAsyncEnumerable<string> ListMeasuredAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        const string operation = "list";
        metrics.Started(_name, operation);
        var started = Stopwatch.GetTimestamp();
        await using var entries = inner.ListAsync(path, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await entries.MoveNextAsync();
                }
                catch (Exception e)
                {
                    metrics.Failed(_name, operation, e);
                    throw;
                }

                if (!more)
                {
                    break;
                }

                yield return entries.Current;
            }
        }
        finally
        {
            metrics.Completed(_name, operation, started);
        }
    }

    private async Task<T> MeasureAsync<T>(string operation, Func<Task<T>> action)
    {
        metrics.Started(_name, operation);
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await action();
        }
        catch (Exception e)
        {
            metrics.Failed(_name, operation, e);
            throw;
        }
        finally
        {
            metrics.Completed(_name, operation, started);
        }
    }
}
