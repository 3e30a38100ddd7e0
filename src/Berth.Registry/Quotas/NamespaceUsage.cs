namespace Berth.Registry.Quotas;

/// <summary>
/// What a namespace holds: the distinct blobs (layers, configs, manifests) its repositories link whose content is
/// stored, each counted once however many of its repositories link it.
/// </summary>
public sealed record NamespaceUsage(string Namespace, long Bytes, int Blobs, IReadOnlyList<string> Repositories, DateTimeOffset ComputedAt);
