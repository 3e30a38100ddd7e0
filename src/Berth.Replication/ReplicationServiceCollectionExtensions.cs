using Berth.Registry.Events;
using Berth.Replication.Api;
using Berth.Replication.Execution;
using Berth.Replication.Model;
using Berth.Replication.Queue;
using Berth.Replication.Triggers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Berth.Replication;

public static class ReplicationServiceCollectionExtensions
{
    /// <summary>Targets, rules and the queue over the index database: what the admin commands need (no worker).</summary>
    public static IServiceCollection AddReplicationCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReplicationOptions>().Bind(configuration.GetSection(ReplicationOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<ReplicationTargets>();
        services.TryAddSingleton<ReplicationRules>();
        services.TryAddSingleton<ReplicationQueue>();
        return services;
    }

    /// <summary>
    /// Replication in a process running both the registry and the index: the core, the registry's events as triggers,
    /// the scheduler and, unless Replication:Worker is off, the worker running executions.
    /// </summary>
    public static IServiceCollection AddReplication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddReplicationCore(configuration);
        services.TryAddSingleton<ReplicationMetrics>();
        services.TryAddSingleton<LocalRegistry>();
        services.TryAddSingleton<TargetBlobLocations>();
        services.TryAddSingleton<ReplicationExecutor>();
        services.TryAddSingleton<ReplicationScheduler>();
        services.TryAddSingleton<ReplicationEventSink>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRegistryEventSink, ReplicationEventSink>(s => s.GetRequiredService<ReplicationEventSink>()));
        services.AddHostedService<ReplicationEventWorker>();
        services.AddHttpClient(ReplicationWebhooks.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.TryAddSingleton<ReplicationWebhooks>();
        services.AddHostedService(s => s.GetRequiredService<ReplicationWebhooks>());
        if (configuration.GetSection(ReplicationOptions.SectionName).GetValue<bool?>(nameof(ReplicationOptions.Worker)) != false)
        {
            services.AddHostedService<ReplicationWorker>();
        }

        return services;
    }

    /// <summary>Maps the admin API under /api/v1/admin/replication.</summary>
    public static IEndpointRouteBuilder MapReplication(this IEndpointRouteBuilder endpoints)
    {
        ReplicationEndpoints.Map(endpoints);
        return endpoints;
    }
}
