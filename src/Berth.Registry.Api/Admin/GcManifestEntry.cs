namespace Berth.Registry.Api.Admin;

internal sealed record GcManifestEntry(string Repository, string Digest);
