using System.Security.Cryptography;

namespace Berth.Client.Copy;

/// <summary>sha256 digests in the OCI form (sha256:HEX) of bytes hashed as they stream.</summary>
internal static class BlobDigest
{
    public static IncrementalHash CreateHash(string? digest)
    {
        if (digest is not null && !digest.StartsWith("sha256:", StringComparison.Ordinal))
        {
            throw new CopyException(CopyFailure.Unsupported, $"Digest algorithm of {digest} is not supported (sha256 only).");
        }

        return IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    }

    public static string Finish(IncrementalHash hash) => "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());

    public static string Of(ReadOnlySpan<byte> content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    public static void Verify(string expected, string actual, string what)
    {
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            throw new CopyException(CopyFailure.DigestMismatch, $"{what}: expected {expected}, the bytes hash to {actual}.");
        }
    }
}
