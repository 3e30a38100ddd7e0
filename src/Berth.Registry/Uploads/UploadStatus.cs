namespace Berth.Registry.Uploads;

/// <summary>Where an upload stands: its id and the number of bytes received so far.</summary>
public sealed record UploadStatus(string Id, long Size);
