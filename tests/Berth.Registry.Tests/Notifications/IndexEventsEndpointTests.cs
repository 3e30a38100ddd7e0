using Berth.Registry.Events;
using Berth.Registry.Notifications;

namespace Berth.Registry.Tests.Notifications;

/// <summary>What the registry queues for its index: the index's own manifest reads are not sent back to it as pulls.</summary>
public sealed class IndexEventsEndpointTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("berth-index-endpoint-").FullName;

    [Fact]
    public void IndexEndpoint_LeavesOutTheIndexsOwnPulls_AndKeepsEveryoneElses()
    {
        var options = new IndexEventsOptions { Secret = "0123456789abcdef" }.ToEndpoint(new Uri("http://index.test/"), "site-a");
        using var queue = NotificationQueue.Open(_directory, 10);
        var endpoint = new NotificationEndpoint(options, queue);

        Assert.False(endpoint.Wants(ManifestEvent(RegistryEventAction.Pull, IndexEventsOptions.IndexActor)));
        Assert.True(endpoint.Wants(ManifestEvent(RegistryEventAction.Pull, "alice")));
        Assert.True(endpoint.Wants(ManifestEvent(RegistryEventAction.Pull, null)));
        Assert.True(endpoint.Wants(ManifestEvent(RegistryEventAction.Push, IndexEventsOptions.IndexActor)));
        Assert.True(endpoint.Wants(ManifestEvent(RegistryEventAction.Delete, IndexEventsOptions.IndexActor)));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static RegistryEvent ManifestEvent(RegistryEventAction action, string? actor) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        Timestamp = DateTimeOffset.UnixEpoch,
        Action = action,
        Repository = "alice/app",
        IsManifest = true,
        MediaType = "application/vnd.oci.image.manifest.v1+json",
        Actor = actor,
    };
}
