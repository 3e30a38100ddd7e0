using Microsoft.AspNetCore.Http;

namespace Berth.Registry.Api.Auth;

/// <summary>
/// Decides whether a request may perform the actions it needs. Called by every /v2 endpoint before it touches storage.
/// The open guard allows everything; the token guard checks a signed JWT and answers with a Bearer challenge.
/// </summary>
public interface IRegistryAccessGuard
{
    /// <summary>Returns null when access is granted, or the result (401 challenge, 403) to send instead.</summary>
    ValueTask<IResult?> CheckAsync(HttpContext context, RegistryAccess access, CancellationToken cancellationToken);
}
