namespace Berth.Storage.Swift.Auth;

internal interface ISwiftAuthenticator
{
    Task<SwiftCredentials> AuthenticateAsync(HttpClient http, CancellationToken cancellationToken);
}
