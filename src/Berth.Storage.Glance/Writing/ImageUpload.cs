using System.IO.Pipelines;
using System.Security.Cryptography;
using Berth.Storage.Glance.Client;

namespace Berth.Storage.Glance.Writing;

/// <summary>
/// One image's data streamed in the single PUT Glance accepts, fed as the writer receives it: the PUT starts with the
/// first bytes and reads from a pipe that holds at most about 1 MiB, so memory stays flat and a slow Glance slows the
/// writer down. Hashes what it sends, so what Glance stored can be checked.
/// </summary>
internal sealed class ImageUpload
{
    private readonly Pipe _pipe = new(new PipeOptions(pauseWriterThreshold: 1024 * 1024, resumeWriterThreshold: 512 * 1024, useSynchronizationContext: false));
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly Task _send;

    private ImageUpload(GlanceImages images, GlanceImage image)
    {
        Image = image;
        var content = new StreamContent(_pipe.Reader.AsStream());
        _send = Task.Run(() => images.UploadAsync(image.Id, content, CancellationToken.None));
    }

    /// <summary>The image as created, before its data.</summary>
    public GlanceImage Image { get; }

    public long Length { get; private set; }

    public static async Task<ImageUpload> StartAsync(GlanceImages images, string path, Dictionary<string, string> properties, CancellationToken cancellationToken) =>
        new(images, await images.CreateAsync(path, properties, cancellationToken));

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        _hash.AppendData(buffer.Span);
        Length += buffer.Length;
        var result = await _pipe.Writer.WriteAsync(buffer, cancellationToken);
        if (result.IsCompleted)
        {
            // Glance stopped reading: the PUT ended early, and says why.
            await _send;
            throw new IOException($"Glance stopped reading the data of image {Image.Id}.");
        }
    }

    /// <summary>Ends the data and waits for Glance to store it; returns the SHA-256 of what was sent (hex).</summary>
    public async Task<string> FinishAsync()
    {
        await _pipe.Writer.CompleteAsync();
        await _send;
        var sha256 = Convert.ToHexStringLower(_hash.GetHashAndReset());
        _hash.Dispose();
        return sha256;
    }

    /// <summary>Breaks off the PUT (Glance puts the image back to queued) and waits for it to end.</summary>
    public async Task AbortAsync()
    {
        await _pipe.Writer.CompleteAsync(new OperationCanceledException("The writer was cancelled."));
        try
        {
            await _send;
        }
        catch (Exception e) when (e is IOException or HttpRequestException or OperationCanceledException)
        {
        }
        finally
        {
            _hash.Dispose();
        }
    }
}
