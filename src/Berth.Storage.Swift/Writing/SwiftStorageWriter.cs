using System.Globalization;
using Berth.Storage.Swift.Client;

namespace Berth.Storage.Swift.Writing;

/// <summary>
/// Streams content into segments of at most SegmentSize in the segment container, named
/// "{Prefix}segments/{path}/{writer id}/{index}" so concurrent writers never mix. Close records the segments so far
/// in a pending-upload object ("{Prefix}pending/{path}") that a writer opened later with append, on any node, reads
/// back; Commit publishes a Static Large Object manifest at the path (nested when the list is longer than the
/// cluster allows in one manifest) and removes the pending record.
/// </summary>
internal sealed class SwiftStorageWriter : IStorageWriter
{
    private readonly SwiftWriterSettings _settings;
    private readonly string _name;
    private readonly string _relative;
    private readonly string _writerId;
    private readonly string _pendingName;
    private readonly string _segmentPrefix;
    private readonly List<SloSegment> _segments;
    private SwiftSegmentUpload? _current;
    private bool _done;
    private bool _faulted;

    private SwiftStorageWriter(SwiftWriterSettings settings, string relative, List<SloSegment> segments)
    {
        _settings = settings;
        _relative = relative;
        _name = settings.Prefix + relative;
        _pendingName = PendingName(settings, relative);
        _writerId = Guid.NewGuid().ToString("N");
        _segmentPrefix = settings.Prefix + "segments/" + relative + "/" + _writerId + "/";
        _segments = segments;
        Size = segments.Sum(s => s.SizeBytes ?? 0);
    }

    public long Size { get; private set; }

    public static string PendingName(SwiftWriterSettings settings, string relative) => settings.Prefix + "pending/" + relative;

    public static async Task<SwiftStorageWriter> OpenAsync(SwiftWriterSettings settings, string path, bool append, CancellationToken cancellationToken)
    {
        var relative = path[1..];
        var pending = PendingName(settings, relative);
        List<SloSegment> segments;
        if (append)
        {
            segments = await SwiftPendingUploads.ReadAsync(settings.Store, settings.SegmentContainer, pending, cancellationToken)
                ?? throw new StorageNotFoundException(path);
        }
        else
        {
            await SwiftPendingUploads.DeleteAsync(settings.Store, settings.SegmentContainer, pending, keep: null, cancellationToken);
            segments = [];
        }

        return new SwiftStorageWriter(settings, relative, segments);
    }

    public static async Task<long> ReadAppendableSizeAsync(SwiftWriterSettings settings, string path, CancellationToken cancellationToken)
    {
        var segments = await SwiftPendingUploads.ReadAsync(settings.Store, settings.SegmentContainer, PendingName(settings, path[1..]), cancellationToken)
            ?? throw new StorageNotFoundException(path);
        return segments.Sum(s => s.SizeBytes ?? 0);
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        try
        {
            while (!buffer.IsEmpty)
            {
                _current ??= new SwiftSegmentUpload(_settings.Store.Client, _settings.SegmentContainer, _segmentPrefix + SegmentName(_segments.Count));
                var count = (int)Math.Min(buffer.Length, _settings.SegmentSize - _current.Length);
                await _current.WriteAsync(buffer[..count], cancellationToken);
                Size += count;
                buffer = buffer[count..];
                if (_current.Length == _settings.SegmentSize)
                {
                    await FinishSegmentAsync(cancellationToken);
                }
            }
        }
        catch
        {
            _faulted = true;
            throw;
        }
    }

    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (_done)
        {
            return;
        }

        await FinishAsync(cancellationToken);
        await SwiftPendingUploads.WriteAsync(_settings.Store, _settings.SegmentContainer, _pendingName, _segments, cancellationToken);
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        await FinishAsync(cancellationToken);
        var store = _settings.Store;
        var keep = new HashSet<string>(_segments.Select(s => s.Path));
        string? winner = null;
        if (_segments.Count == 0)
        {
            await store.ReplaceAsync(_settings.Container, _name, ct => store.PutAsync(_settings.Container, _name, ReadOnlyMemory<byte>.Empty, ct), _ => Task.FromResult<IReadOnlySet<string>>(keep), cancellationToken);
        }
        else
        {
            var manifest = await NestAsync(keep, cancellationToken);
            await SwiftCommitRecords.WriteIntentAsync(_settings, _relative, _writerId, keep, cancellationToken);
            await store.ReplaceAsync(_settings.Container, _name, ct => store.PutManifestAsync(_settings.Container, _name, manifest, _writerId, ct), _ => Task.FromResult<IReadOnlySet<string>>(keep), cancellationToken);
            await SwiftCommitRecords.PublishAsync(_settings, _relative, _writerId, keep, cancellationToken);
            winner = (await store.HeadAsync(_settings.Container, _name, cancellationToken))?.Writer;
        }

        await SwiftCommitRecords.SweepAsync(_settings, _relative, winner, includeWinner: false, cancellationToken);
        await SwiftPendingUploads.DeleteAsync(store, _settings.SegmentContainer, _pendingName, keep, cancellationToken);
    }

    /// <summary>The commit records and segment bookkeeping are keyed by the writer's own name; the move places the manifest elsewhere.</summary>
    public Task<bool> TryCommitToAsync(string destinationPath, CancellationToken cancellationToken) => Task.FromResult(false);

    public async Task CancelAsync(CancellationToken cancellationToken)
    {
        _done = true;
        await AbortCurrentAsync();
        await _settings.Store.DeleteObjectsAsync(_segments.Select(s => s.Path), cancellationToken);
        await SwiftPendingUploads.DeleteAsync(_settings.Store, _settings.SegmentContainer, _pendingName, _segments.Select(s => s.Path).ToHashSet(), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_done)
        {
            return;
        }

        if (_faulted)
        {
            // What a failed write left is not known to be whole: keep the last closed state.
            _done = true;
            await AbortCurrentAsync();
            return;
        }

        await CloseAsync(CancellationToken.None);
    }

    private async Task FinishAsync(CancellationToken cancellationToken)
    {
        if (_faulted)
        {
            throw new InvalidOperationException("A write failed; open a new writer with append to continue from the last close.");
        }

        _done = true;
        if (_current is not null)
        {
            await FinishSegmentAsync(cancellationToken);
        }
    }

    /// <summary>Groups segments into nested manifests (in the segment container) until the top list fits one manifest.</summary>
    private async Task<List<SloSegment>> NestAsync(HashSet<string> keep, CancellationToken cancellationToken)
    {
        var level = _segments;
        for (var depth = 0; level.Count > _settings.MaxManifestSegments; depth++)
        {
            var next = new List<SloSegment>();
            foreach (var group in level.Chunk(_settings.MaxManifestSegments))
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"{_segmentPrefix}manifest-{depth}-{next.Count:D6}");
                await _settings.Store.PutManifestAsync(_settings.SegmentContainer, name, group, writer: null, cancellationToken);
                var path = "/" + _settings.SegmentContainer + "/" + name;
                keep.Add(path);
                next.Add(new SloSegment(path, null, null));
            }

            level = next;
        }

        return level;
    }

    private async Task FinishSegmentAsync(CancellationToken cancellationToken)
    {
        using var current = _current!;
        _current = null;
        _segments.Add(await current.CompleteAsync(cancellationToken));
    }

    private async Task AbortCurrentAsync()
    {
        if (_current is { } current)
        {
            _current = null;
            await current.AbortAsync();
            current.Dispose();
        }
    }

    private static string SegmentName(int index) => index.ToString("D8", CultureInfo.InvariantCulture);
}
