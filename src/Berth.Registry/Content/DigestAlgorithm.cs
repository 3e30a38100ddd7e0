using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Berth.Registry.Content;

public sealed class DigestAlgorithm
{
    public static readonly DigestAlgorithm Sha256 = new("sha256", HashAlgorithmName.SHA256, 32);
    public static readonly DigestAlgorithm Sha512 = new("sha512", HashAlgorithmName.SHA512, 64);

    private DigestAlgorithm(string name, HashAlgorithmName hashName, int hashLength)
    {
        Name = name;
        HashName = hashName;
        HashLength = hashLength;
    }

    public string Name { get; }

    public HashAlgorithmName HashName { get; }

    public int HashLength { get; }

    public int HexLength => HashLength * 2;

    public static bool TryParse(string name, [NotNullWhen(true)] out DigestAlgorithm? algorithm)
    {
        algorithm = name switch
        {
            "sha256" => Sha256,
            "sha512" => Sha512,
            _ => null,
        };
        return algorithm is not null;
    }

    public IncrementalHash CreateHash() => IncrementalHash.CreateHash(HashName);

    public override string ToString() => Name;
}
