using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Berth.Web.Tests.Infrastructure;

/// <summary>Writes a small OCI image layout (two layers, a config with labels) that skopeo copies to Berth.</summary>
internal static class TestImage
{
    public static string Write(string directory, string tag, IReadOnlyDictionary<string, string> labels)
    {
        Directory.CreateDirectory(Path.Combine(directory, "blobs", "sha256"));
        File.WriteAllText(Path.Combine(directory, "oci-layout"), """{"imageLayoutVersion":"1.0.0"}""");
        var layers = new JsonArray();
        var diffIds = new JsonArray();
        foreach (var (path, text) in new[] { ("etc/motd", "Welcome to the test image.\n"), ("app/hello.txt", "hello from " + tag + "\n") })
        {
            var (compressed, diffId) = Layer(path, text);
            layers.Add(Descriptor(directory, compressed, "application/vnd.oci.image.layer.v1.tar+gzip"));
            diffIds.Add(diffId);
        }

        var labelObject = new JsonObject();
        foreach (var (key, value) in labels)
        {
            labelObject[key] = value;
        }

        var config = new JsonObject
        {
            ["created"] = "2026-11-01T12:00:00Z",
            ["architecture"] = "amd64",
            ["os"] = "linux",
            ["config"] = new JsonObject { ["Cmd"] = new JsonArray("/bin/true"), ["Labels"] = labelObject },
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = diffIds },
        };
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
            ["config"] = Descriptor(directory, Encoding.UTF8.GetBytes(config.ToJsonString()), "application/vnd.oci.image.config.v1+json"),
            ["layers"] = layers,
        };
        var manifestDescriptor = Descriptor(directory, Encoding.UTF8.GetBytes(manifest.ToJsonString()), "application/vnd.oci.image.manifest.v1+json");
        manifestDescriptor["annotations"] = new JsonObject { ["org.opencontainers.image.ref.name"] = tag };
        var index = new JsonObject { ["schemaVersion"] = 2, ["manifests"] = new JsonArray(manifestDescriptor) };
        File.WriteAllText(Path.Combine(directory, "index.json"), index.ToJsonString());
        return directory;
    }

    private static (byte[] Compressed, string DiffId) Layer(string path, string text)
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, path)
            {
                DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)),
                ModificationTime = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero),
            };
            writer.WriteEntry(entry);
        }

        var diffId = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(tar.ToArray()));
        using var gz = new MemoryStream();
        using (var gzip = new GZipStream(gz, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(tar.ToArray());
        }

        return (gz.ToArray(), diffId);
    }

    private static JsonObject Descriptor(string directory, byte[] content, string mediaType)
    {
        var hex = Convert.ToHexStringLower(SHA256.HashData(content));
        File.WriteAllBytes(Path.Combine(directory, "blobs", "sha256", hex), content);
        return new JsonObject { ["mediaType"] = mediaType, ["digest"] = "sha256:" + hex, ["size"] = content.Length };
    }
}
