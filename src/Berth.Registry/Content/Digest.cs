using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Berth.Registry.Content;

/// <summary>A content digest "algorithm:hex" restricted to the algorithms the registry verifies: sha256 and sha512.</summary>
public readonly record struct Digest
{
    private Digest(DigestAlgorithm algorithm, string hex)
    {
        Algorithm = algorithm;
        Hex = hex;
    }

    public DigestAlgorithm Algorithm { get; }

    /// <summary>The lowercase hex encoding of the hash.</summary>
    public string Hex { get; }

    public static Digest Parse(string? value) =>
        TryParse(value, out var digest)
            ? digest
            : throw new RegistryException(RegistryErrorCode.DigestInvalid, $"Invalid digest '{value}': expected sha256:<64 hex> or sha512:<128 hex>.");

    public static bool TryParse([NotNullWhen(true)] string? value, out Digest digest)
    {
        digest = default;
        if (value is null)
        {
            return false;
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !DigestAlgorithm.TryParse(value[..colon], out var algorithm))
        {
            return false;
        }

        var hex = value[(colon + 1)..];
        if (hex.Length != algorithm.HexLength || !IsLowerHex(hex))
        {
            return false;
        }

        digest = new Digest(algorithm, hex);
        return true;
    }

    public static Digest FromHash(DigestAlgorithm algorithm, ReadOnlySpan<byte> hash) =>
        new(algorithm, Convert.ToHexStringLower(hash));

    public static Digest Compute(DigestAlgorithm algorithm, ReadOnlySpan<byte> content)
    {
        Span<byte> hash = stackalloc byte[algorithm.HashLength];
        if (algorithm == DigestAlgorithm.Sha256)
        {
            SHA256.HashData(content, hash);
        }
        else
        {
            SHA512.HashData(content, hash);
        }

        return FromHash(algorithm, hash);
    }

    public override string ToString() => Algorithm.Name + ":" + Hex;

    private static bool IsLowerHex(string value)
    {
        foreach (var c in value)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        return true;
    }
}
