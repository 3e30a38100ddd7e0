namespace Berth.Index.Repositories;

/// <summary>A descriptor a manifest references (layer or config).</summary>
public sealed record LayerInfo(string MediaType, string Digest, long Size);
