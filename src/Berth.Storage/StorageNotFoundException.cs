namespace Berth.Storage;

public sealed class StorageNotFoundException : Exception
{
    public StorageNotFoundException(string path)
        : base($"Storage path not found: {path}") => Path = path;

    public StorageNotFoundException(string path, Exception innerException)
        : base($"Storage path not found: {path}", innerException) => Path = path;

    public StorageNotFoundException()
    {
        Path = string.Empty;
    }

    public string Path { get; }
}
