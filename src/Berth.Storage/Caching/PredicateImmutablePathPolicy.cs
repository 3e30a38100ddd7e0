namespace Berth.Storage.Caching;

public sealed class PredicateImmutablePathPolicy(Func<string, bool> isImmutable) : IImmutablePathPolicy
{
    public bool IsImmutable(string path) => isImmutable(path);
}
