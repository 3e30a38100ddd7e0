using Berth.Registry.Events;

namespace Berth.Registry.Notifications;

/// <summary>An enabled endpoint at run time: its settings, which events it wants, and its queue.</summary>
internal sealed class NotificationEndpoint
{
    private readonly HashSet<RegistryEventAction> _ignoredActions;
    private readonly HashSet<string> _ignoredMediaTypes;
    private readonly HashSet<string> _ignoredPullActors;

    public NotificationEndpoint(NotificationEndpointOptions options, NotificationQueue queue)
    {
        Options = options;
        Queue = queue;
        Url = new Uri(options.Url, UriKind.Absolute);
        _ignoredActions = [.. options.Ignore.Actions.Select(a => Enum.Parse<RegistryEventAction>(a, ignoreCase: true))];
        _ignoredMediaTypes = new HashSet<string>(options.IgnoredMediaTypes.Concat(options.Ignore.MediaTypes), StringComparer.OrdinalIgnoreCase);
        _ignoredPullActors = new HashSet<string>(options.IgnoredPullActors, StringComparer.Ordinal);
    }

    public string Name => Options.Name;

    public Uri Url { get; }

    public NotificationEndpointOptions Options { get; }

    public NotificationQueue Queue { get; }

    public bool Wants(RegistryEvent registryEvent) =>
        !_ignoredActions.Contains(registryEvent.Action)
        && (registryEvent.MediaType is null || !_ignoredMediaTypes.Contains(registryEvent.MediaType))
        && !(registryEvent.Action == RegistryEventAction.Pull && registryEvent.Actor is { } actor && _ignoredPullActors.Contains(actor));
}
