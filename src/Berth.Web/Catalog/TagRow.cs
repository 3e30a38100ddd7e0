namespace Berth.Web.Catalog;

/// <summary>A tag as the tags table shows it.</summary>
public sealed record TagRow(string Name, string Digest, string MediaType, long Size, IReadOnlyList<string> Platforms, DateTime PushedAt);
