namespace Berth.Registry.Api.Admin;

public sealed record GcBlobEntry(string Digest, long Size);
