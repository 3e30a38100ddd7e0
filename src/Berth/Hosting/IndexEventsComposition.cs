using Berth.Registry.Notifications;

namespace Berth.Hosting;

/// <summary>
/// A registry running apart from its index (role registry) delivers its events to the index through a notification
/// endpoint of its own, when IndexEvents:Secret is set (docs/deployment.md).
/// </summary>
internal static class IndexEventsComposition
{
    public static IReadOnlyList<NotificationEndpointOptions> AddIndexEvents(this WebApplicationBuilder builder, BerthOptions berth)
    {
        var section = builder.Configuration.GetSection(IndexEventsOptions.SectionName);
        builder.Services.AddOptions<IndexEventsOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        var auth = AuthComposition.Read(builder.Configuration);
        var options = section.Get<IndexEventsOptions>() ?? new IndexEventsOptions();
        return berth.Role == BerthRole.Registry && auth.IndexUrl is { } indexUrl && options.Secret is not null
            ? [options.ToEndpoint(indexUrl, auth.Service)]
            : [];
    }

    /// <summary>Says so at start when a lone registry keeps its events to itself: the index will not see its pushes.</summary>
    public static void WarnWithoutIndexEvents(this WebApplication app, BerthOptions berth)
    {
        var auth = AuthComposition.Read(app.Configuration);
        if (berth.Role == BerthRole.Registry && auth.IndexUrl is not null
            && app.Configuration.GetSection(IndexEventsOptions.SectionName).Get<IndexEventsOptions>()?.Secret is null)
        {
            Log.NoIndexEvents(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Berth.IndexEvents"));
        }
    }
}
