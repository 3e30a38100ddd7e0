using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Berth.Index.Tokens;

/// <summary>One P-256 key: the active one signs, retired ones still verify until the tokens they signed have expired.</summary>
public sealed record SigningKey(string KeyId, ECDsa Key, DateTimeOffset CreatedAt, DateTimeOffset? RetiredAt)
{
    public ECDsaSecurityKey SecurityKey => new(Key) { KeyId = KeyId };

    /// <summary>A verification-only key, as the JWKS publishes it.</summary>
    public ECDsaSecurityKey PublicSecurityKey { get; } = new(ECDsa.Create(Key.ExportParameters(includePrivateParameters: false))) { KeyId = KeyId };

    /// <summary>The RFC 7638 thumbprint, used as the key id.</summary>
    public static string Thumbprint(ECDsa key)
    {
        var p = key.ExportParameters(includePrivateParameters: false);
        var json = $"{{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"{Base64UrlEncoder.Encode(p.Q.X)}\",\"y\":\"{Base64UrlEncoder.Encode(p.Q.Y)}\"}}";
        return Base64UrlEncoder.Encode(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json)));
    }
}
