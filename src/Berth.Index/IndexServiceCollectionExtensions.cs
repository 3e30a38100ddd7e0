using Berth.Index.Accounts;
using Berth.Index.Audit;
using Berth.Index.Data;
using Berth.Index.Organizations;
using Berth.Index.Permissions;
using Berth.Index.Tokens;
using Berth.Registry.Api.Auth;
using Berth.Registry.Api.Auth.Tokens;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Berth.Index;

public static class IndexServiceCollectionExtensions
{
    /// <summary>
    /// The index's data and logic (database, accounts, permissions, keys, tokens), without HTTP: what the server and
    /// the admin commands share. Options "Index" and "Auth" are bound here; dataDirectory fills Index:DataDirectory.
    /// </summary>
    public static IServiceCollection AddBerthIndexCore(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.AddOptions<IndexOptions>()
            .Bind(configuration.GetSection(IndexOptions.SectionName))
            .Configure(o => o.DataDirectory = dataDirectory)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IndexDbContextFactory>();
        services.TryAddSingleton<AuditLog>();
        services.TryAddSingleton<PasswordHasher>();
        services.TryAddSingleton<LoginRateLimiter>();
        services.TryAddSingleton<AccessTokenService>();
        services.TryAddSingleton<AccountService>();
        services.TryAddSingleton<Authenticator>();
        services.TryAddSingleton<OrganizationService>();
        services.TryAddSingleton<PermissionService>();
        services.TryAddSingleton<SigningKeyStore>();
        services.TryAddSingleton<LegacyKeyImport>();
        services.TryAddSingleton<ITokenKeySource, LocalKeySource>();
        services.TryAddSingleton<TokenValidator>();
        services.TryAddSingleton<TokenIssuer>();
        services.TryAddSingleton<TokenService>();
        services.TryAddSingleton<IndexInitializer>();
        return services;
    }

    /// <summary>The index server: its core plus start-up work (migrations, keys, first administrator).</summary>
    public static IServiceCollection AddBerthIndex(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.AddBerthIndexCore(configuration, dataDirectory);
        services.AddHostedService<IndexStartup>();
        return services;
    }

    /// <summary>Maps the token service and the published keys.</summary>
    public static IEndpointRouteBuilder MapBerthIndex(this IEndpointRouteBuilder endpoints) => endpoints.MapTokenEndpoints();
}
