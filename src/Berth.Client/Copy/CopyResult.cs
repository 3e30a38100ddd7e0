namespace Berth.Client.Copy;

/// <summary>The digest of the manifest written for the copied location, and what happened to the blobs.</summary>
public sealed record CopyResult(string Digest, int Copied, int Skipped, int Mounted, long BytesRead);
