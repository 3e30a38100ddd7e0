using System.Security.Cryptography;
using System.Text;

namespace Berth.Api.Tests.Infrastructure;

/// <summary>Random test content and its digests, computed independently of Berth's own digest code.</summary>
public static class TestContent
{
    public const string EmptyJsonDigest = "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";

    public static byte[] EmptyJson => "{}"u8.ToArray();

    public static byte[] Random(int length)
    {
        var bytes = new byte[length];
        System.Random.Shared.NextBytes(bytes);
        return bytes;
    }

    public static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static string Sha256(ReadOnlySpan<byte> content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    public static string Sha512(ReadOnlySpan<byte> content) => "sha512:" + Convert.ToHexStringLower(SHA512.HashData(content));

    public static string Digest(ReadOnlySpan<byte> content, string algorithm) => algorithm switch
    {
        "sha256" => Sha256(content),
        "sha512" => Sha512(content),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Only sha256 and sha512 are used in tests."),
    };

    /// <summary>A well-formed digest of content nobody pushed.</summary>
    public static string UnknownDigest(string algorithm = "sha256") => Digest(Random(32), algorithm);
}
