using Berth.Registry.Events;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Berth.Registry.Notifications;

public static class NotificationServiceCollectionExtensions
{
    /// <summary>
    /// Webhook notifications when section "Notifications" lists endpoints; otherwise nothing is registered, so the
    /// registry keeps skipping event construction when no one listens. Queues default to &lt;dataDirectory&gt;/notifications.
    /// <paramref name="builtIn"/> adds endpoints the host composes itself (the index of a registry running apart).
    /// </summary>
    public static IServiceCollection AddNotifications(
        this IServiceCollection services, IConfiguration configuration, string dataDirectory, IReadOnlyList<NotificationEndpointOptions>? builtIn = null)
    {
        var section = configuration.GetSection(NotificationOptions.SectionName);
        if (!section.GetSection(nameof(NotificationOptions.Endpoints)).GetChildren().Any() && builtIn is not { Count: > 0 })
        {
            return services;
        }

        services.AddOptions<NotificationOptions>()
            .Bind(section)
            .PostConfigure(o =>
            {
                o.QueueDirectory = Path.GetFullPath(o.QueueDirectory ?? Path.Combine(dataDirectory, "notifications"));
                o.Endpoints.AddRange(builtIn ?? []);
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<NotificationMetrics>();
        services.TryAddSingleton<NotificationEndpoints>();
        services.TryAddSingleton<NotificationSource>();
        services.TryAddSingleton<NotificationSink>();
        services.TryAddSingleton<PushedConfigReader>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRegistryEventSink, NotificationSink>(s => s.GetRequiredService<NotificationSink>()));
        // Each attempt has the endpoint's own Timeout (the deliverer's pipeline); the client's 100 s default would cut longer ones short.
        services.AddHttpClient(NotificationDeliverer.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .UseSocketsHttpHandler((sockets, _) => sockets.AllowAutoRedirect = false);

        // The writer is registered first so that it stops last: it drains what is still in memory after delivery stopped.
        services.AddHostedService<NotificationWriter>();
        services.AddHostedService<NotificationDeliverer>();
        return services;
    }
}
