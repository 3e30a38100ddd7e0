namespace Berth.Registry.Api.Admin;

public sealed record GcManifestEntry(string Repository, string Digest);
