namespace Berth.Index.Repositories;

/// <summary>A tag as one site holds it: the digest there and when that site reported it.</summary>
public sealed record RepositorySiteTag(string Name, string Digest, DateTime PushedAt);
