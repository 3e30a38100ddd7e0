using Berth.Index.Accounts;
using Berth.Registry.Api.Auth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Berth.Index.Htpasswd;

/// <summary>Registration of simple mode.</summary>
public static class HtpasswdServiceCollectionExtensions
{
    public static IServiceCollection AddHtpasswdAccessGuard(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<IndexOptions>();
        services.TryAddSingleton<ILoginRateLimiter, MemoryLoginRateLimiter>();
        services.TryAddSingleton<HtpasswdFile>();
        services.Replace(ServiceDescriptor.Singleton<IRegistryAccessGuard, HtpasswdAccessGuard>());
        return services;
    }
}
