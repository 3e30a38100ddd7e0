namespace Berth.Storage;

/// <summary>The one rule for driver paths: absolute, '/'-separated, no empty, '.' or '..' segments, printable ASCII only.</summary>
public static class StoragePath
{
    public static bool IsValid(string path)
    {
        if (string.IsNullOrEmpty(path) || path[0] != '/' || path.Length > 1024)
        {
            return false;
        }

        if (path.Length == 1)
        {
            return true;
        }

        if (path[^1] == '/')
        {
            return false;
        }

        foreach (var segment in path.AsSpan(1).Split('/'))
        {
            var part = path.AsSpan(1)[segment];
            if (part.IsEmpty || part is "." || part is "..")
            {
                return false;
            }
        }

        foreach (var c in path)
        {
            if (c < 0x21 || c > 0x7e || c == '\\')
            {
                return false;
            }
        }

        return true;
    }

    public static string Validate(string path) =>
        IsValid(path) ? path : throw new ArgumentException($"Invalid storage path '{path}'.", nameof(path));

    public static string Combine(string parent, string child) =>
        parent == "/" ? "/" + child : parent + "/" + child;
}
