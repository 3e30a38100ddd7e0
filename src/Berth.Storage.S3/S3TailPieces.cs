using System.Globalization;
using Amazon.S3.Model;

namespace Berth.Storage.S3;

/// <summary>
/// The bytes a writer closed with after its last part, kept as small objects beside the writer state (its key plus
/// ".1", ".2"…), one per close that had any. A chunked upload in chunks smaller than a part thus sends each chunk to the
/// store once, where rewriting the whole unsent tail in the state on every close sent (and read back) every byte again
/// with each later chunk. Pieces are read back only to become a part or the object. Numbers are never reused: pieces
/// read back into a part are removed only once the state names the part instead, and later pieces follow them.
/// </summary>
internal sealed class S3TailPieces(S3StorageContext context, string stateKey)
{
    private (int First, int Count) _readBack;

    /// <summary>The number of the first piece the writer state names.</summary>
    public int First { get; private set; } = 1;

    /// <summary>Pieces the writer state names, from <see cref="First"/> on.</summary>
    public int Count { get; private set; }

    /// <summary>Their total size.</summary>
    public long Bytes { get; private set; }

    /// <summary>Keys of the pieces read back into the writer's buffer, which the state no longer needs once rewritten.</summary>
    public IEnumerable<string> ReadBackKeys => Enumerable.Range(_readBack.First, _readBack.Count).Select(Key);

    /// <summary>Keys of every piece this writer knows of: read back, or named by its state.</summary>
    public IEnumerable<string> AllKeys => ReadBackKeys.Concat(Enumerable.Range(First, Count).Select(Key));

    public string Key(int number) => stateKey + "." + number.ToString(CultureInfo.InvariantCulture);

    /// <summary>What a writer state records: <paramref name="count"/> pieces from <paramref name="first"/>, holding <paramref name="bytes"/> bytes.</summary>
    public void Restore(int first, int count, long bytes)
    {
        First = first;
        Count = count;
        Bytes = bytes;
    }

    public async Task AddAsync(PartBuffer content, CancellationToken cancellationToken)
    {
        await context.Client.PutObjectAsync(
            new PutObjectRequest { BucketName = context.Bucket, Key = Key(First + Count), InputStream = content.OpenRead(), UseChunkEncoding = false },
            cancellationToken);
        Count++;
        Bytes += content.Length;
    }

    /// <summary>Appends every piece, in order, to <paramref name="buffer"/>; they then count as read back.</summary>
    public async Task ReadIntoAsync(PartBuffer buffer, CancellationToken cancellationToken)
    {
        var expected = buffer.Length + Bytes;
        for (var number = First; number < First + Count; number++)
        {
            using var piece = await context.Client.GetObjectAsync(context.Bucket, Key(number), cancellationToken);
            await buffer.AppendAsync(piece.ResponseStream, cancellationToken);
        }

        if (buffer.Length != expected)
        {
            throw new IOException($"The tail pieces of {stateKey} hold {buffer.Length - expected + Bytes} bytes, but the writer state records {Bytes}.");
        }

        _readBack = (First, Count);
        First += Count;
        Count = 0;
        Bytes = 0;
    }

    /// <summary>
    /// Removes the objects under <paramref name="keys"/> in one request. A key left behind by a failure is beside the
    /// writer's target, hidden from listings, and goes with the directory (an upload's) when that is deleted.
    /// </summary>
    public async Task DeleteAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        switch (keys.Count)
        {
            case 0:
                return;
            case 1:
                await context.Client.DeleteObjectAsync(context.Bucket, keys[0], cancellationToken);
                return;
            default:
                await context.Client.DeleteObjectsAsync(
                    new DeleteObjectsRequest { BucketName = context.Bucket, Quiet = true, Objects = [.. keys.Select(k => new KeyVersion { Key = k })] },
                    cancellationToken);
                return;
        }
    }
}
