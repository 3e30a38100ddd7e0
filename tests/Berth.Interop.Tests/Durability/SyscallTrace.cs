using System.Text.RegularExpressions;

namespace Berth.Interop.Tests.Durability;

/// <summary>The renames and fsyncs of an <c>strace -f -y</c> log, in the order the log lists them.</summary>
internal sealed partial class SyscallTrace
{
    private SyscallTrace(IReadOnlyList<(int Line, string Destination)> renames, IReadOnlyList<(int Line, string Path)> fsyncs)
    {
        Renames = renames;
        Fsyncs = fsyncs;
    }

    /// <summary>Every rename's destination, with its line number (rename, renameat and renameat2 alike).</summary>
    public IReadOnlyList<(int Line, string Destination)> Renames { get; }

    /// <summary>Every fsync, with the path strace resolved for its descriptor.</summary>
    public IReadOnlyList<(int Line, string Path)> Fsyncs { get; }

    /// <summary>The strace arguments that produce the log this parses, up to and including the output file.</summary>
    public static string[] Arguments(string outputFile) =>
        ["-f", "-qq", "-y", "-e", "signal=none", "-e", "trace=rename,renameat,renameat2,fsync", "-o", outputFile];

    public static SyscallTrace Parse(IReadOnlyList<string> lines)
    {
        var renames = new List<(int, string)>();
        var fsyncs = new List<(int, string)>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (RenamePattern().Match(lines[i]) is { Success: true } rename)
            {
                renames.Add((i, rename.Groups["destination"].Value));
            }
            else if (FsyncPattern().Match(lines[i]) is { Success: true } fsync)
            {
                fsyncs.Add((i, fsync.Groups["path"].Value));
            }
        }

        return new SyscallTrace(renames, fsyncs);
    }

    /// <summary>Whether the directory was fsynced after the given line.</summary>
    public bool SyncedAfter(int line, string directory) => Fsyncs.Any(f => f.Line > line && f.Path == directory);

    [GeneratedRegex(@"^\d+\s+rename(?:at2?)?\((?:(?:AT_FDCWD|\d+<[^>]*>), )?""[^""]*"", (?:(?:AT_FDCWD|\d+<[^>]*>), )?""(?<destination>[^""]+)""")]
    private static partial Regex RenamePattern();

    [GeneratedRegex("""^\d+\s+fsync\(\d+<(?<path>[^>]+)>""")]
    private static partial Regex FsyncPattern();
}
