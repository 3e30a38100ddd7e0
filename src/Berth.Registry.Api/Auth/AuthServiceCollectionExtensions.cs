using Berth.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Berth.Registry.Api.Auth;

public static class AuthServiceCollectionExtensions
{
    /// <summary>Makes the registry check index-signed tokens; the caller registers where the keys come from.</summary>
    public static IServiceCollection AddTokenAccessGuard(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TokenValidator>();
        services.Replace(ServiceDescriptor.Singleton<IRegistryAccessGuard, TokenAccessGuard>());
        return services;
    }

    /// <summary>Keys fetched from the index's JWKS endpoint, for a registry running as its own process.</summary>
    public static IServiceCollection AddJwksKeySource(this IServiceCollection services)
    {
        services.AddHttpClient<JwksKeySource>(http => http.Timeout = TimeSpan.FromSeconds(10));
        services.TryAddSingleton<ITokenKeySource>(sp => sp.GetRequiredService<JwksKeySource>());
        return services;
    }
}
