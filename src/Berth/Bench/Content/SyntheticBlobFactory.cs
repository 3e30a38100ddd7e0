using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Berth.Bench.Content;

/// <summary>
/// Makes unique blobs cheaply: all blobs of one size share a body (a random block repeated) and differ in a
/// 32-byte trailer. The SHA-256 state after the body is computed once per size and cloned for each blob, so the
/// load generator hashes 32 bytes per blob instead of the whole blob, while every digest stays distinct (no
/// registry can deduplicate). The same seed gives the same bytes, so every registry under test gets the same data.
/// </summary>
internal sealed class SyntheticBlobFactory : IDisposable
{
    public const int TrailerLength = 32;
    private const int BlockSize = 1024 * 1024;
    private readonly byte[] _block = new byte[BlockSize];
    private readonly ConcurrentDictionary<long, Lazy<IncrementalHash>> _bodyStates = new();
    private readonly ulong _run;

    /// <param name="seed">Chooses the bytes of the shared block.</param>
    /// <param name="run">Mixed into every trailer; a random run makes blobs unique across bench runs too.</param>
    public SyntheticBlobFactory(int seed, ulong run)
    {
        new Random(seed).NextBytes(_block);
        _run = run;
    }

    public SyntheticBlob Create(long size, int owner, long serial)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, TrailerLength);
        var trailer = new byte[TrailerLength];
        BinaryPrimitives.WriteUInt64LittleEndian(trailer, _run);
        BinaryPrimitives.WriteInt64LittleEndian(trailer.AsSpan(8), owner);
        BinaryPrimitives.WriteInt64LittleEndian(trailer.AsSpan(16), serial);
        BinaryPrimitives.WriteInt64LittleEndian(trailer.AsSpan(24), size);

        var body = _bodyStates.GetOrAdd(size, s => new Lazy<IncrementalHash>(() => HashBody(s - TrailerLength))).Value;
        Span<byte> hash = stackalloc byte[32];
        IncrementalHash state;
        lock (body)
        {
            state = body.Clone();
        }

        using (state)
        {
            state.AppendData(trailer);
            state.GetHashAndReset(hash);
        }

        return new SyntheticBlob(size, "sha256:" + Convert.ToHexStringLower(hash), _block, trailer);
    }

    public void Dispose()
    {
        foreach (var state in _bodyStates.Values)
        {
            if (state.IsValueCreated)
            {
                state.Value.Dispose();
            }
        }
    }

    private IncrementalHash HashBody(long length)
    {
        var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (long done = 0; done < length; done += BlockSize)
        {
            hash.AppendData(_block, 0, (int)Math.Min(BlockSize, length - done));
        }

        return hash;
    }
}
