using Berth.Index.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Berth.Index.Htpasswd;

/// <summary>Registration of simple mode.</summary>
public static class HtpasswdServiceCollectionExtensions
{
    /// <summary>The htpasswd file and the failed-login limits; the host adds the registry guard that uses them.</summary>
    public static IServiceCollection AddHtpasswd(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<IndexOptions>();
        services.TryAddSingleton<ILoginRateLimiter, MemoryLoginRateLimiter>();
        services.TryAddSingleton<HtpasswdFile>();
        return services;
    }
}
