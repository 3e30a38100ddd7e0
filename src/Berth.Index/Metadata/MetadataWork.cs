using Berth.Registry.Events;

namespace Berth.Index.Metadata;

/// <summary>An item of the metadata queue: an event to apply, or a flush marker to complete once all before it are.</summary>
internal sealed record MetadataWork(RegistryEvent? Event, TaskCompletionSource? Flushed);
