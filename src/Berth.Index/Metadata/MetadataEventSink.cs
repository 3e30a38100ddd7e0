using Berth.Registry.Events;

namespace Berth.Index.Metadata;

/// <summary>The registry's events, handed to the metadata queue; manifest events only, since blobs change no page.</summary>
internal sealed class MetadataEventSink(MetadataQueue queue) : IRegistryEventSink
{
    public void Publish(RegistryEvent registryEvent)
    {
        if (registryEvent.IsManifest)
        {
            queue.Enqueue(registryEvent);
        }
    }
}
