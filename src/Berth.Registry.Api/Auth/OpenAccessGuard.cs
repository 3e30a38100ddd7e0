using Microsoft.AspNetCore.Http;

namespace Berth.Registry.Api.Auth;

/// <summary>Grants every request: an open registry for local experiments.</summary>
public sealed class OpenAccessGuard : IRegistryAccessGuard
{
    public ValueTask<IResult?> CheckAsync(HttpContext context, RegistryAccess access, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IResult?>(null);
}
