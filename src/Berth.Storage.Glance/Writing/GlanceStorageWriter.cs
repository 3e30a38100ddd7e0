using Berth.Storage.Glance.Client;

namespace Berth.Storage.Glance.Writing;

/// <summary>
/// Glance takes an image's data in exactly one PUT, so a writer streams what it receives into an image of its own
/// (kind "writing") as one long PUT. Close ends that PUT and turns the image into the next segment of the upload;
/// a writer opened with append, on any node, lists the segments and continues after them. Commit turns the writer's
/// image into the object with a property change when it is the only data (an upload sent in one piece, however many
/// writers it took to commit it), and otherwise streams all segments, read back from Glance, into one new image and
/// deletes the segments: a chunked upload costs one extra download and upload of its bytes.
/// </summary>
internal sealed class GlanceStorageWriter : IStorageWriter
{
    private readonly GlanceStore _store;
    private readonly string _path;
    private readonly List<GlanceImage> _segments;
    private readonly long _segmentBytes;
    private ImageUpload? _upload;
    private bool _done;
    private bool _faulted;

    private GlanceStorageWriter(GlanceStore store, string path, List<GlanceImage> segments)
    {
        _store = store;
        _path = path;
        _segments = segments;
        _segmentBytes = segments.Sum(s => s.Size);
    }

    public long Size => _segmentBytes + (_upload?.Length ?? 0);

    public static async Task<GlanceStorageWriter> OpenAsync(GlanceStore store, string path, bool append, CancellationToken cancellationToken)
    {
        var segments = await store.SegmentsAsync(path, cancellationToken);
        if (append && segments.Count == 0)
        {
            throw new StorageNotFoundException(path);
        }

        if (!append)
        {
            await store.DeleteAllAsync(segments, cancellationToken);
            segments.Clear();
        }

        return new GlanceStorageWriter(store, path, segments);
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        if (_done)
        {
            throw new InvalidOperationException($"The writer of {_path} was committed, closed or cancelled.");
        }

        try
        {
            _upload ??= await ImageUpload.StartAsync(_store.Images, _path, GlanceProperties.At(_path, GlanceProperties.WritingKind), cancellationToken);
            await _upload.WriteAsync(buffer, cancellationToken);
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

        ThrowIfFaulted();
        _done = true;
        var (image, sha256, length) = await FinishUploadAsync(cancellationToken);
        var segment = await _store.Images.PatchAsync(
            image.Id,
            [(GlanceProperties.Kind, GlanceProperties.SegmentKind), (GlanceProperties.Segment, _segments.Count.ToString("D6", System.Globalization.CultureInfo.InvariantCulture))],
            cancellationToken);
        await _store.VerifyOrDeleteAsync(segment, _path, length, sha256, cancellationToken);
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_done)
        {
            throw new InvalidOperationException($"The writer of {_path} was committed, closed or cancelled.");
        }

        ThrowIfFaulted();
        _done = true;
        if (_segments.Count == 1 && _upload is null)
        {
            await _store.PromoteAsync(_segments[0], _path, null, cancellationToken);
            return;
        }

        if (_segments.Count == 0)
        {
            var (image, sha256, length) = await FinishUploadAsync(cancellationToken);
            await _store.PromoteAsync(image, _path, (length, sha256), cancellationToken);
            return;
        }

        var parts = new List<GlanceImage>(_segments);
        if (_upload is not null)
        {
            parts.Add((await FinishUploadAsync(cancellationToken)).Image);
        }

        await _store.ConcatenateAsync(parts, _path, cancellationToken);
        await _store.DeleteAllAsync(parts, cancellationToken);
    }

    /// <summary>A Glance commit promotes or concatenates images under the writer's own name; the move does the renaming.</summary>
    public Task<bool> TryCommitToAsync(string destinationPath, CancellationToken cancellationToken) => Task.FromResult(false);

    public async Task CancelAsync(CancellationToken cancellationToken)
    {
        _done = true;
        if (_upload is { } upload)
        {
            await upload.AbortAsync();
            await _store.Images.DeleteAsync(upload.Image.Id, cancellationToken);
        }

        await _store.DeleteAllAsync(await _store.SegmentsAsync(_path, cancellationToken), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_done)
        {
            return;
        }

        if (_faulted)
        {
            // What a failed write left is not known to be whole: keep the segments of the last close.
            _done = true;
            if (_upload is { } upload)
            {
                await upload.AbortAsync();
                await _store.Images.DeleteAsync(upload.Image.Id, CancellationToken.None);
            }

            return;
        }

        await CloseAsync(CancellationToken.None);
    }

    /// <summary>Ends this writer's PUT (starting an empty one when nothing was written): its image, hash and length.</summary>
    private async Task<(GlanceImage Image, string Sha256, long Length)> FinishUploadAsync(CancellationToken cancellationToken)
    {
        var upload = _upload ??= await ImageUpload.StartAsync(_store.Images, _path, GlanceProperties.At(_path, GlanceProperties.WritingKind), cancellationToken);
        var sha256 = await upload.FinishAsync();
        return (upload.Image, sha256, upload.Length);
    }

    private void ThrowIfFaulted()
    {
        if (_faulted)
        {
            throw new InvalidOperationException("A write failed; open a new writer with append to continue from the last close.");
        }
    }
}
