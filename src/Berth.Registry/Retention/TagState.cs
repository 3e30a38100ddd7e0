using Berth.Registry.Content;

namespace Berth.Registry.Retention;

/// <summary>A tag as retention sees it: what it points at and when it was last pushed.</summary>
internal sealed record TagState(string Tag, Digest Digest, DateTimeOffset PushedAt);
