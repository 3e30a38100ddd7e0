using System.Net;
using System.Security.Cryptography;
using Berth.Storage.Glance.Client;

namespace Berth.Storage.Glance.Writing;

/// <summary>
/// The data of several images one after the other, read from Glance while it is sent back to Glance as a new image:
/// how the segments of a chunked upload become one object, as Glance has no server-side copy or append.
/// </summary>
internal sealed class ConcatenatedImagesContent(GlanceImages images, IReadOnlyList<GlanceImage> parts) : HttpContent
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public long Length { get; private set; }

    /// <summary>The SHA-256 of everything sent (hex), once the content has been sent.</summary>
    public string? Sha256 { get; private set; }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var buffer = new byte[128 * 1024];
        foreach (var part in parts)
        {
            using var response = await images.OpenFileAsync(part.Id, 0, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                continue;
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw await GlanceImages.FailureAsync(response, $"read of segment image {part.Id}", cancellationToken);
            }

            await using var source = await response.Content.ReadAsStreamAsync(cancellationToken);
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                _hash.AppendData(buffer, 0, read);
                Length += read;
                await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }

        Sha256 = Convert.ToHexStringLower(_hash.GetHashAndReset());
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    /// <summary>Sent chunked, like every streamed upload.</summary>
    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
