using Berth.Index.Accounts;
using Berth.Index.Api;
using Berth.Index.Audit;
using Berth.Index.Authentication;
using Berth.Index.Data;
using Berth.Index.External;
using Berth.Index.External.Ldap;
using Berth.Index.External.Oidc;
using Berth.Index.Metadata;
using Berth.Index.Organizations;
using Berth.Index.Permissions;
using Berth.Index.Profiles;
using Berth.Index.Repositories;
using Berth.Index.Sites;
using Berth.Index.Tokens;
using Berth.Registry.Events;
using Berth.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

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
        services.TryAddSingleton<ILoginRateLimiter, DatabaseLoginRateLimiter>();
        services.TryAddSingleton<AccessTokenService>();
        services.TryAddSingleton<AccountService>();
        services.TryAddSingleton<Authenticator>();
        services.AddOptions<LdapOptions>().Bind(configuration.GetSection(LdapOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LdapOptions>, LdapOptionsValidator>());
        services.TryAddSingleton<LdapDirectory>();
        services.TryAddSingleton<LdapSignIn>();
        services.TryAddSingleton<ExternalAccountProvisioner>();
        services.TryAddSingleton<OrganizationService>();
        services.TryAddSingleton<PermissionService>();
        services.TryAddSingleton<SigningKeyStore>();
        services.TryAddSingleton<LegacyKeyImport>();
        services.TryAddSingleton<ITokenKeySource, LocalKeySource>();
        services.TryAddSingleton<TokenValidator>();
        services.TryAddSingleton<TokenIssuer>();
        services.TryAddSingleton<TokenService>();
        services.TryAddSingleton<IndexInitializer>();
        services.TryAddSingleton<IRegistryContentReader, DetachedContentReader>();
        services.TryAddSingleton<ReadmeRenderer>();
        services.TryAddSingleton<MetadataQueue>();
        services.TryAddSingleton<MetadataApplier>();
        services.TryAddSingleton<MetadataBackfill>();
        services.TryAddSingleton<RepositorySizeReconciler>();
        services.TryAddSingleton<RepositoryQueries>();
        services.TryAddSingleton<StarService>();
        services.TryAddSingleton<RepositorySettingsService>();
        services.TryAddSingleton<ProfileQueries>();
        services.TryAddSingleton<RegistrySites>();
        services.TryAddSingleton<RegistryContentReaders>();
        services.TryAddSingleton<RegistryEventReceiver>();
        services.TryAddSingleton<RegistryResync>();
        services.TryAddSingleton<RegistryStatusQueries>();
        return services;
    }

    /// <summary>The index server: its core plus start-up work (migrations, keys, first administrator).</summary>
    public static IServiceCollection AddBerthIndex(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.AddBerthIndexCore(configuration, dataDirectory);
        services.AddHostedService<IndexStartup>();
        services.TryAddSingleton<DataProtectionKeyImport>();
        services.AddHostedService<DataProtectionStartup>();
        services.AddHostedService<MetadataWorker>();
        services.AddHostedService<RegistryResyncWorker>();
        services.AddHostedService<RepositorySizeWorker>();
        services.AddBerthIndexAuthentication();
        services.AddBerthOidc(configuration);
        services.AddBerthIndexApi();
        return services;
    }

    /// <summary>
    /// For an index in the registry's process (role all): metadata read through the registry's stores, and its events
    /// queued for the metadata worker. Call after <see cref="AddBerthIndex"/>; the registry's stores are registered apart.
    /// </summary>
    public static IServiceCollection AddBerthIndexRegistryLink(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<IRegistryContentReader, InProcessContentReader>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRegistryEventSink, MetadataEventSink>());
        return services;
    }

    /// <summary>Authentication, authorisation and antiforgery middleware for the index's pages and API.</summary>
    public static WebApplication UseBerthIndex(this WebApplication app) => app.UseBerthIndexAuthentication();

    /// <summary>Maps the token service, the published keys, the JSON API, docker's search and the OpenAPI document.</summary>
    public static IEndpointRouteBuilder MapBerthIndex(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapTokenEndpoints().MapBerthIndexApi();
}
