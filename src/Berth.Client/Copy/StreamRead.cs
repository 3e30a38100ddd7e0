namespace Berth.Client.Copy;

/// <summary>Fills a buffer from a stream that may return short reads (sockets, pipes).</summary>
internal static class StreamRead
{
    /// <summary>Reads until the buffer is full or the stream ends; returns how many bytes were read.</summary>
    public static async Task<int> FullAsync(Stream source, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await source.ReadAsync(buffer[total..], cancellationToken);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }
}
