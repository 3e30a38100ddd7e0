using Berth.Registry.Blobs;
using Berth.Registry.Catalog;
using Berth.Registry.Consistency;
using Berth.Registry.Diagnostics;
using Berth.Registry.Events;
using Berth.Registry.Layout;
using Berth.Registry.Manifests;
using Berth.Registry.Policies;
using Berth.Registry.Quotas;
using Berth.Registry.Reading;
using Berth.Registry.Referrers;
using Berth.Registry.Repositories;
using Berth.Registry.Tags;
using Berth.Registry.Uploads;
using Berth.Storage.Caching;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Berth.Registry;

public static class RegistryServiceCollectionExtensions
{
    /// <summary>Registers the registry's stores over the configured <see cref="Berth.Storage.IStorageDriver"/>.</summary>
    public static IServiceCollection AddRegistry(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IImmutablePathPolicy>(new PredicateImmutablePathPolicy(RegistryLayout.IsImmutable));
        services.TryAddSingleton<RegistryMetrics>();
        services.TryAddSingleton<UploadHashCache>();
        services.AddOptions<QuotaOptions>().Configure<IServiceProvider>(BindIfConfigured<QuotaOptions>(QuotaOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<QuotaStore>();
        services.TryAddSingleton<StorageUsage>();
        services.TryAddSingleton<QuotaEnforcer>();
        services.TryAddSingleton<StorageOverview>();
        services.AddOptions<BlobLinkCacheOptions>().Configure<IServiceProvider>(BindIfConfigured<BlobLinkCacheOptions>(BlobLinkCacheOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<BlobLinkCache>();
        services.TryAddSingleton<BlobStore>();
        services.TryAddSingleton<UploadStore>();
        services.TryAddSingleton<TagStore>();
        services.TryAddSingleton<ReferrerStore>();
        services.AddOptions<ManifestCacheOptions>().Configure<IServiceProvider>(BindIfConfigured<ManifestCacheOptions>(ManifestCacheOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<ManifestCache>();
        services.AddOptions<ManifestPushOptions>().Configure<IServiceProvider>(BindIfConfigured<ManifestPushOptions>(ManifestPushOptions.SectionName));
        services.TryAddSingleton<ManifestStore>();
        services.TryAddSingleton<IBlobSource, StoreBlobSource>();
        services.TryAddSingleton<IManifestSource, StoreManifestSource>();
        services.TryAddSingleton<RepositoryCatalog>();
        services.TryAddSingleton<RepositoryStore>();
        services.TryAddSingleton<RegistryEventPublisher>();
        services.TryAddSingleton<NamespacePolicyStore>();
        services.TryAddSingleton<TagImmutability>();
        services.TryAddSingleton<StoreChecker>();
        return services;
    }

    /// <summary>Binds the section when the container has configuration; hosts without one (store tests) keep the defaults.</summary>
    private static Action<T, IServiceProvider> BindIfConfigured<T>(string section)
        where T : class =>
        (options, services) => services.GetService<IConfiguration>()?.GetSection(section).Bind(options);
}
