
namespace Berth.Bench;

/// <summary>
/// Writes seeded images as the files a static web server needs to answer registry GETs: v2/REPO/manifests/TAG,
/// v2/REPO/manifests/DIGEST and v2/REPO/blobs/DIGEST, with the same bytes the registries were given.
/// </summary>
internal static class StaticExport
{
    private const int WriteSize = 1024 * 1024;

    public static async Task WriteAsync(BenchContext context, string directory, int images, CancellationToken cancellationToken)
    {
        var repository = Path.Combine(directory, "v2", context.Settings.Repository);
        var manifests = Directory.CreateDirectory(Path.Combine(repository, "manifests")).FullName;
        var blobs = Directory.CreateDirectory(Path.Combine(repository, "blobs")).FullName;
        for (var i = 0; i < images; i++)
        {
            var image = context.SeededImage(i);
            await File.WriteAllBytesAsync(Path.Combine(manifests, context.SeededTag(i)), image.Manifest, cancellationToken);
            await File.WriteAllBytesAsync(Path.Combine(manifests, image.ManifestDigest), image.Manifest, cancellationToken);
            await File.WriteAllBytesAsync(Path.Combine(blobs, image.ConfigDigest), image.Config, cancellationToken);
            foreach (var layer in image.Layers)
            {
                await using var file = File.Create(Path.Combine(blobs, layer.Digest));
                for (long done = 0; done < layer.Size;)
                {
                    var segment = layer.Segment(done, WriteSize);
                    await file.WriteAsync(segment, cancellationToken);
                    done += segment.Length;
                }
            }
        }
    }
}
