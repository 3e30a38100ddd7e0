using Microsoft.IdentityModel.Tokens;

namespace Berth.Tokens;

/// <summary>The public keys that verify tokens, by key id: the index's own key store, or its JWKS fetched over HTTP.</summary>
public interface ITokenKeySource
{
    /// <summary>Returns the key with this id, or null when the index never published it (or no longer does).</summary>
    ValueTask<SecurityKey?> FindKeyAsync(string keyId, CancellationToken cancellationToken);
}
