using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Berth.Storage.Filesystem;

/// <summary>
/// Makes directory entries durable. fsync on a file persists its bytes, not the entry a rename or create put in its
/// directory: after a power cut ext4 and xfs may lose that entry, and with it an acknowledged blob or tag, unless
/// the directory itself is fsynced (docs/storage.md, "Durability"). .NET opens no handle on a directory, hence libc.
/// Windows makes a rename durable with the file and needs nothing here.
/// </summary>
internal static partial class DirectorySync
{
    /// <summary>ENOENT.</summary>
    private const int NoSuchEntry = 2;

    /// <summary>Creates <paramref name="directory"/> and any missing parent, each made durable in its own parent.</summary>
    public static void Create(string directory)
    {
        if (Directory.Exists(directory))
        {
            return;
        }

        var missing = new Stack<string>();
        for (var current = directory; current is not null && !Directory.Exists(current); current = Path.GetDirectoryName(current))
        {
            missing.Push(current);
        }

        Directory.CreateDirectory(directory);
        foreach (var created in missing)
        {
            Sync(Path.GetDirectoryName(created)!);
        }
    }

    /// <summary>Renames a file (replacing any target) and makes the new entry durable; call it off request threads.</summary>
    public static void Rename(string source, string destination)
    {
        File.Move(source, destination, overwrite: true);
        Sync(Path.GetDirectoryName(destination)!);
    }

    /// <summary>fsync on the directory: the entries created, renamed or removed in it survive a power cut.</summary>
    public static void Sync(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var descriptor = Open(directory, 0);
        if (descriptor < 0 && Marshal.GetLastPInvokeError() == NoSuchEntry)
        {
            // A concurrent delete removed the folder, and with it what was renamed or created in it: nothing to persist.
            return;
        }

        if (descriptor < 0)
        {
            throw new IOException($"Could not open directory {directory} to sync it.", new Win32Exception(Marshal.GetLastPInvokeError()));
        }

        try
        {
            if (Fsync(descriptor) != 0)
            {
                throw new IOException($"Could not sync directory {directory}.", new Win32Exception(Marshal.GetLastPInvokeError()));
            }
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int descriptor);
}
