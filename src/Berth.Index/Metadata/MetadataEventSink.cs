using Berth.Registry.Events;

namespace Berth.Index.Metadata;

/// <summary>The registry's events, handed to the metadata queue; manifest events only, since blobs change no page.</summary>
internal sealed class MetadataEventSink(MetadataQueue queue) : IRegistryEventSink
{
    /// <summary>
    /// Pushes carry manifests up to this size (what an image's manifest is, and the index events' default), so the
    /// index does not read back from the store what the push just wrote; the queue holds at most
    /// <see cref="MetadataQueue.Capacity"/> of them. A larger manifest is read back.
    /// </summary>
    public const int CarriedManifestBytes = 16 * 1024;

    public int MaxCarriedManifestBytes => CarriedManifestBytes;

    public void Publish(RegistryEvent registryEvent)
    {
        if (registryEvent.IsManifest)
        {
            queue.Enqueue(registryEvent);
        }
    }
}
