namespace Berth.Storage.Caching;

/// <summary>
/// Says which paths never change content while they exist (content addressed by digest), so the caching decorator
/// may keep them. Paths whose content is replaced (tag links) must not be reported immutable.
/// </summary>
public interface IImmutablePathPolicy
{
    bool IsImmutable(string path);
}
