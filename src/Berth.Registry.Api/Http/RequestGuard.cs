using Berth.Registry.Api.Auth;
using Berth.Registry.Names;
using Microsoft.AspNetCore.Http;

namespace Berth.Registry.Api.Http;

/// <summary>Runs the access guard; when it refuses, its result is the response and the endpoint touches nothing.</summary>
public sealed class RequestGuard(IRegistryAccessGuard guard)
{
    public const string Pull = "pull";
    public const string Push = "push";
    public const string Delete = "delete";

    public async Task<bool> AllowAsync(HttpContext context, RegistryAccess access)
    {
        var refusal = await guard.CheckAsync(context, access, context.RequestAborted);
        if (refusal is null)
        {
            return true;
        }

        await refusal.ExecuteAsync(context);
        return false;
    }

    /// <summary>Asks without answering: used where a refusal changes the behaviour instead of ending the request.</summary>
    public async Task<bool> WouldAllowAsync(HttpContext context, RepositoryName name, params string[] actions) =>
        await guard.CheckAsync(context, RegistryAccess.Repository(name.Value, actions), context.RequestAborted) is null;
}
