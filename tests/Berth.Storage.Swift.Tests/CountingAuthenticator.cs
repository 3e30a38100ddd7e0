using Berth.Storage.Swift.Auth;

namespace Berth.Storage.Swift.Tests;

/// <summary>Real authentication, with the first answer replaced by <paramref name="firstAnswer"/> (a revoked or short-lived token).</summary>
internal sealed class CountingAuthenticator(ISwiftAuthenticator inner, Func<SwiftCredentials, SwiftCredentials> firstAnswer) : ISwiftAuthenticator
{
    private int _calls;

    public int Calls => _calls;

    public async Task<SwiftCredentials> AuthenticateAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var credentials = await inner.AuthenticateAsync(http, cancellationToken);
        return Interlocked.Increment(ref _calls) == 1 ? firstAnswer(credentials) : credentials;
    }
}
