using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Registry.Api.Auth;

public static class RegistryAccessEndpointExtensions
{
    /// <summary>
    /// Declares the access every endpoint of the builder (a route or a group) needs, and checks it with the access
    /// guard before the handler runs: a refusal (401 challenge with the scope, or 403) is the whole response.
    /// </summary>
    public static TBuilder RequireRegistryAccess<TBuilder>(this TBuilder builder, RegistryAccess access)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiresRegistryAccess(access)).AddEndpointFilter(async (invocation, next) =>
        {
            var context = invocation.HttpContext;
            var refusal = await context.RequestServices.GetRequiredService<IRegistryAccessGuard>().CheckAsync(context, access, context.RequestAborted);
            return refusal ?? await next(invocation);
        });
}
