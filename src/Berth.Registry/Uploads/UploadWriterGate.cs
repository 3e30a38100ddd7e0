using System.Collections.Concurrent;

namespace Berth.Registry.Uploads;

/// <summary>
/// One writing request (PATCH or PUT) per upload in this process. A second one arriving while the first still streams
/// is refused at once instead of waiting or opening a second writer: two writers on one upload would either fail
/// inside the store or, where the store does not lock, interleave their bytes into a corrupt blob.
/// </summary>
internal sealed class UploadWriterGate
{
    private readonly ConcurrentDictionary<string, byte> _writing = new(StringComparer.Ordinal);

    /// <summary>Enters the gate for <paramref name="uploadId"/>; null when another request holds it.</summary>
    public IDisposable? TryEnter(string uploadId) =>
        _writing.TryAdd(uploadId, 0) ? new Lease(this, uploadId) : null;

    private sealed class Lease(UploadWriterGate gate, string uploadId) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                gate._writing.TryRemove(uploadId, out _);
            }
        }
    }
}
