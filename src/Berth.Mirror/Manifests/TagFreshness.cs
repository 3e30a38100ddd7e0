using System.Collections.Concurrent;
using Berth.Registry.Names;
using Microsoft.Extensions.Options;

namespace Berth.Mirror.Manifests;

/// <summary>
/// When each tag was last confirmed with the upstream. Kept in memory: after a restart every tag is revalidated once,
/// which costs one HEAD each and keeps nodes stateless.
/// </summary>
internal sealed class TagFreshness(TimeProvider time, IOptions<MirrorOptions> options)
{
    private readonly ConcurrentDictionary<(string Repository, string Tag), DateTimeOffset> _checked = new();

    public bool IsFresh(RepositoryName name, Tag tag) =>
        _checked.TryGetValue((name.Value, tag.Value), out var at) && time.GetUtcNow() - at < options.Value.TagTtl;

    public void Confirmed(RepositoryName name, Tag tag) => _checked[(name.Value, tag.Value)] = time.GetUtcNow();

    public void Forget(RepositoryName name)
    {
        foreach (var key in _checked.Keys.Where(k => k.Repository == name.Value))
        {
            _checked.TryRemove(key, out _);
        }
    }
}
