using Berth.Tokens;
using Microsoft.IdentityModel.Tokens;

namespace Berth.Index.Tokens;

/// <summary>The registry's key source when it runs in the index's process: the key store itself.</summary>
internal sealed class LocalKeySource : ITokenKeySource
{
    private readonly SigningKeyStore _store;

    public LocalKeySource(SigningKeyStore store) => _store = store;

    public async ValueTask<SecurityKey?> FindKeyAsync(string keyId, CancellationToken cancellationToken) =>
        (await _store.FindKeyAsync(keyId, cancellationToken))?.PublicSecurityKey;
}
