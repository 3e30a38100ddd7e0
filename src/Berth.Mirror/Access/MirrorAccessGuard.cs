using Berth.Registry.Api.Auth;
using Berth.Registry.Api.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Berth.Mirror.Access;

/// <summary>
/// Wraps the configured guard: a mirror refuses every write (push, delete) outside its local namespace with
/// UNSUPPORTED, before authentication, since no credentials could make it allowed.
/// </summary>
internal sealed class MirrorAccessGuard(IRegistryAccessGuard inner, IOptions<MirrorOptions> options) : IRegistryAccessGuard
{
    public ValueTask<IResult?> CheckAsync(HttpContext context, RegistryAccess access, CancellationToken cancellationToken)
    {
        var mirror = options.Value;
        if (access.Type == "repository" && access.Actions.Any(a => a != RequestGuard.Pull) && !mirror.IsLocal(access.Name))
        {
            return ValueTask.FromResult<IResult?>(new UnsupportedWriteResult(mirror));
        }

        return inner.CheckAsync(context, access, cancellationToken);
    }
}
