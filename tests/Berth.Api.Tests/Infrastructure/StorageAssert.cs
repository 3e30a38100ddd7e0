using System.Text.RegularExpressions;

namespace Berth.Api.Tests.Infrastructure;

/// <summary>Checks on the server's disk: nothing lands beside the data directory, and every repository folder has a valid name.</summary>
public static partial class StorageAssert
{
    /// <param name="markers">Names a traversal attempt would have created; none may exist beside the sandbox or at the filesystem root.</param>
    public static void NothingOutsideDataDirectory(RegistryFixture fixture, params string[] markers)
    {
        var sandboxEntries = Directory.EnumerateFileSystemEntries(fixture.SandboxDirectory).Select(e => Path.GetFileName(e)!).ToArray();
        Assert.Equal(new[] { "data" }, sandboxEntries);
        var dataEntries = Directory.EnumerateFileSystemEntries(fixture.DataDirectory).Select(e => Path.GetFileName(e)!).ToArray();
        Assert.All(dataEntries, entry => Assert.Equal("v1", entry));

        var repositories = Path.Combine(fixture.DataDirectory, "v1", "repositories");
        if (Directory.Exists(repositories))
        {
            foreach (var directory in Directory.EnumerateDirectories(repositories, "*", SearchOption.AllDirectories))
            {
                var components = Path.GetRelativePath(repositories, directory).Split(Path.DirectorySeparatorChar);
                var name = string.Join('/', components.TakeWhile(c => !c.StartsWith('_')));
                Assert.True(name.Length == 0 || (name.Length <= 255 && RepositoryGrammar().IsMatch(name)), $"A repository folder with an invalid name was created: '{name}' ({directory}).");
            }
        }

        var parent = Path.GetDirectoryName(fixture.SandboxDirectory)!;
        foreach (var marker in markers)
        {
            Assert.False(Path.Exists(Path.Combine(parent, marker)), $"'{marker}' was written beside the sandbox.");
            Assert.False(Path.Exists(Path.Combine(Path.GetPathRoot(parent)!, marker)), $"'{marker}' was written at the filesystem root.");
        }
    }

    [GeneratedRegex("^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex RepositoryGrammar();
}
