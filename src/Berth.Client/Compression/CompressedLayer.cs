using System.IO.Pipelines;

namespace Berth.Client.Compression;

/// <summary>
/// An uncompressed layer being compressed while it is read: <see cref="Content"/> yields the compressed bytes as the
/// compressor produces them (through a bounded pipe, so a slow destination slows the compressor instead of filling
/// memory). The input is the source's verifying stream, so the uncompressed tar is hashed exactly once and checked
/// against the diff-id it is known by before the compressed blob is committed.
/// </summary>
internal sealed class CompressedLayer : IAsyncDisposable
{
    private const long PipeLimit = 8 * 1024 * 1024;
    private readonly Pipe _pipe = new(new PipeOptions(pauseWriterThreshold: PipeLimit, resumeWriterThreshold: PipeLimit / 2, useSynchronizationContext: false));
    private readonly CancellationTokenSource _stop;
    private readonly Task _producer;

    private CompressedLayer(Stream uncompressed, CompressionSettings settings, CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _producer = Task.Run(() => ProduceAsync(uncompressed, settings, _stop.Token), CancellationToken.None);
        Content = _pipe.Reader.AsStream();
    }

    public Stream Content { get; }

    public static CompressedLayer Start(Stream uncompressed, CompressionSettings settings, CancellationToken cancellationToken) =>
        new(uncompressed, settings, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Content.DisposeAsync();
        try
        {
            await _producer;
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException or IOException)
        {
            // Stopped because the reader stopped first; its own error is the one reported.
        }

        _stop.Dispose();
    }

    private async Task ProduceAsync(Stream uncompressed, CompressionSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            if (settings.Algorithm == LayerCompression.Zstd)
            {
                await MultiThreadedZstd.CompressAsync(uncompressed, _pipe.Writer, settings, cancellationToken);
            }
            else
            {
                await ParallelGzip.CompressAsync(uncompressed, _pipe.Writer, settings, cancellationToken);
            }

            await _pipe.Writer.CompleteAsync();
        }
        catch (Exception e)
        {
            await _pipe.Writer.CompleteAsync(e);
            throw;
        }
    }
}
