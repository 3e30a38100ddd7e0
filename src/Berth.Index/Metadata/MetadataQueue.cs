using System.Threading.Channels;
using Berth.Registry.Events;
using Microsoft.Extensions.Logging;

namespace Berth.Index.Metadata;

/// <summary>
/// The bounded queue between the registry's request path and the metadata worker. A full queue drops the event
/// (the push itself already succeeded) and asks the worker to re-read the catalog, so nothing stays missing for long.
/// </summary>
internal sealed class MetadataQueue
{
    public const int Capacity = 10_000;
    private readonly Channel<MetadataWork> _channel = Channel.CreateBounded<MetadataWork>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly ILogger<MetadataQueue> _logger;
    private int _resync;

    public MetadataQueue(ILogger<MetadataQueue> logger) => _logger = logger;

    internal ChannelReader<MetadataWork> Reader => _channel.Reader;

    public void Enqueue(RegistryEvent registryEvent)
    {
        if (!_channel.Writer.TryWrite(new MetadataWork(registryEvent, null)))
        {
            Interlocked.Exchange(ref _resync, 1);
            Log.Dropped(_logger);
        }
    }

    /// <summary>Completes when every event enqueued before the call has been applied (tests and the UI after a push).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _channel.Writer.WriteAsync(new MetadataWork(null, done), cancellationToken);
        await done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>True once after an event was dropped.</summary>
    internal bool TakeResyncRequest() => Interlocked.Exchange(ref _resync, 0) == 1;
}
