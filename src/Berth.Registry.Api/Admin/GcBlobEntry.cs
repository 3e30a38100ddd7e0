namespace Berth.Registry.Api.Admin;

internal sealed record GcBlobEntry(string Digest, long Size);
