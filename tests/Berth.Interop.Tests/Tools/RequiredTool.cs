namespace Berth.Interop.Tests.Tools;

/// <summary>Finds a client program on PATH; a missing one fails the test with the way to install it.</summary>
public static class RequiredTool
{
    public static string Locate(string program, string debianPackage)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"'{program}' is not installed (Debian package '{debianPackage}'). " +
            "Run scripts/install-test-deps.sh (as root), which installs every client the interop tests drive.");
    }
}
