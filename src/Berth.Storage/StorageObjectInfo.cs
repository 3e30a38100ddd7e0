namespace Berth.Storage;

public sealed record StorageObjectInfo(string Path, long Size, DateTimeOffset ModifiedAt, bool IsDirectory);
