using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Berth.Interop.Tests.Layout;

/// <summary>A layer: a real tar of a folder of random files, gzip-compressed, with its diff_id.</summary>
public sealed class TarGzLayer
{
    private static readonly DateTimeOffset FixedTime = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private TarGzLayer(byte[] compressed, string diffId, IReadOnlyDictionary<string, byte[]> files)
    {
        Compressed = compressed;
        DiffId = diffId;
        Files = files;
    }

    public byte[] Compressed { get; }

    /// <summary>sha256 of the uncompressed tar, as the image config lists it.</summary>
    public string DiffId { get; }

    public IReadOnlyDictionary<string, byte[]> Files { get; }

    /// <summary>Random (incompressible) file contents, so the blob size is about the data size.</summary>
    public static TarGzLayer Create(Random random, string folder, int fileCount, int maxFileSize)
    {
        var files = new Dictionary<string, byte[]>();
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Ustar, leaveOpen: true))
        {
            writer.WriteEntry(new UstarTarEntry(TarEntryType.Directory, folder + "/")
            {
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead
                    | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute,
                ModificationTime = FixedTime,
            });
            for (var i = 0; i < fileCount; i++)
            {
                var content = new byte[random.Next(1, maxFileSize)];
                random.NextBytes(content);
                var name = $"{folder}/file-{i}.bin";
                files[name] = content;
                writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name)
                {
                    Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                    ModificationTime = FixedTime,
                    DataStream = new MemoryStream(content),
                });
            }
        }

        var uncompressed = tar.ToArray();
        using var gz = new MemoryStream();
        using (var gzip = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(uncompressed);
        }

        return new TarGzLayer(gz.ToArray(), "sha256:" + Convert.ToHexStringLower(SHA256.HashData(uncompressed)), files);
    }
}
