namespace Berth.Interop.Tests.Fixtures;

/// <summary>A scratch folder under /tmp that is removed with everything in it.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix = "berth-interop-") => Path = Directory.CreateTempSubdirectory(prefix).FullName;

    public string Path { get; }

    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A client may still hold a file for a moment after exiting; /tmp is cleaned eventually anyway.
        }
        catch (UnauthorizedAccessException)
        {
            // Rootless unpacks can leave read-only folders; not worth failing a passed test over.
        }
    }
}
