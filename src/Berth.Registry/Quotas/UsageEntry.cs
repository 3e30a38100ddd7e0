using Berth.Registry.Content;

namespace Berth.Registry.Quotas;

/// <summary>
/// A node's view of one namespace: the sizes of its distinct blobs when it was computed, plus what this node admitted
/// since. Callers lock the entry around a check and an admission, so one node never admits past the limit.
/// </summary>
internal sealed class UsageEntry(string @namespace, Dictionary<Digest, long> sizes, IReadOnlyList<string> repositories, DateTimeOffset computedAt)
{
    private readonly List<(Digest Digest, long Size, DateTimeOffset At)> _admitted = [];

    public string Namespace => @namespace;

    public DateTimeOffset ComputedAt => computedAt;

    public long Bytes { get; private set; } = sizes.Values.Sum();

    public bool Contains(Digest digest) => sizes.ContainsKey(digest);

    public void Admit(Digest digest, long size, DateTimeOffset at)
    {
        if (sizes.TryAdd(digest, size))
        {
            Bytes += size;
            _admitted.Add((digest, size, at));
        }
    }

    /// <summary>Admissions made here since <paramref name="since"/>: a newer computation may have listed before their links were written.</summary>
    public List<(Digest Digest, long Size, DateTimeOffset At)> AdmittedSince(DateTimeOffset since) => [.. _admitted.Where(a => a.At >= since)];

    public NamespaceUsage ToUsage() => new(@namespace, Bytes, sizes.Count, repositories, computedAt);
}
