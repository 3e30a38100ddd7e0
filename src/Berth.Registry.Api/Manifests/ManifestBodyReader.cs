using System.Buffers;
using Berth.Registry.Manifests;
using Microsoft.AspNetCore.Http;

namespace Berth.Registry.Api.Manifests;

/// <summary>
/// Reads a manifest body into a pooled buffer, never more than the manifest size cap: a larger body (by
/// Content-Length or by what arrives) is refused with 413 SIZE_INVALID before it is buffered.
/// </summary>
internal sealed class ManifestBodyReader : IDisposable
{
    private byte[] _buffer;
    private int _length;

    private ManifestBodyReader(int initialSize) => _buffer = ArrayPool<byte>.Shared.Rent(initialSize);

    public ReadOnlyMemory<byte> Content => _buffer.AsMemory(0, _length);

    /// <summary>Pools hand out larger arrays than asked for; never read more than one byte past the cap.</summary>
    private int Capacity => Math.Min(_buffer.Length, ManifestStore.MaxManifestBytes + 1);

    public static async Task<ManifestBodyReader> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > ManifestStore.MaxManifestBytes)
        {
            throw ManifestStore.TooLarge();
        }

        var reader = new ManifestBodyReader((int)Math.Clamp(request.ContentLength ?? 16 * 1024, 1024, ManifestStore.MaxManifestBytes + 1));
        try
        {
            while (true)
            {
                if (reader._length == reader.Capacity)
                {
                    if (reader._length > ManifestStore.MaxManifestBytes)
                    {
                        throw ManifestStore.TooLarge();
                    }

                    reader.Grow();
                }

                var read = await request.Body.ReadAsync(reader._buffer.AsMemory(reader._length, reader.Capacity - reader._length), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                reader._length += read;
            }

            if (reader._length > ManifestStore.MaxManifestBytes)
            {
                throw ManifestStore.TooLarge();
            }

            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private void Grow()
    {
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(_buffer.Length * 2, ManifestStore.MaxManifestBytes + 1));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }
}
