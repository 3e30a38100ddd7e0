using System.Text.RegularExpressions;

namespace Berth.Interop.Tests.Durability;

/// <summary>The renames, file writes and fsyncs of an <c>strace -f -y</c> log, in the order the log lists them.</summary>
internal sealed partial class SyscallTrace
{
    private SyscallTrace(IReadOnlyList<Rename> renames, IReadOnlyList<(int Line, string Path)> fsyncs, IReadOnlyList<(int Line, string Path)> writes)
    {
        Renames = renames;
        Fsyncs = fsyncs;
        Writes = writes;
    }

    /// <summary>Every rename, with its line number (rename, renameat and renameat2 alike).</summary>
    public IReadOnlyList<Rename> Renames { get; }

    /// <summary>Every fsync, with the path strace resolved for its descriptor.</summary>
    public IReadOnlyList<(int Line, string Path)> Fsyncs { get; }

    /// <summary>Every positioned write (pwrite64, pwritev, pwritev2), with the path of the file written.</summary>
    public IReadOnlyList<(int Line, string Path)> Writes { get; }

    /// <summary>The strace arguments that produce the log this parses, up to and including the output file.</summary>
    public static string[] Arguments(string outputFile) =>
        ["-f", "-qq", "-y", "-e", "signal=none", "-e", "trace=rename,renameat,renameat2,fsync,pwrite64,pwritev,pwritev2", "-o", outputFile];

    public static SyscallTrace Parse(IReadOnlyList<string> lines)
    {
        var renames = new List<Rename>();
        var fsyncs = new List<(int, string)>();
        var writes = new List<(int, string)>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (RenamePattern().Match(lines[i]) is { Success: true } rename)
            {
                renames.Add(new Rename(i, rename.Groups["source"].Value, rename.Groups["destination"].Value));
            }
            else if (FsyncPattern().Match(lines[i]) is { Success: true } fsync)
            {
                fsyncs.Add((i, fsync.Groups["path"].Value));
            }
            else if (WritePattern().Match(lines[i]) is { Success: true } write)
            {
                writes.Add((i, write.Groups["path"].Value));
            }
        }

        return new SyscallTrace(renames, fsyncs, writes);
    }

    /// <summary>Whether the directory was fsynced after the given line.</summary>
    public bool SyncedAfter(int line, string directory) => Fsyncs.Any(f => f.Line > line && f.Path == directory);

    /// <summary>A rename's line and paths (relative paths stay as the process passed them).</summary>
    public readonly record struct Rename(int Line, string Source, string Destination);

    [GeneratedRegex(@"^\d+\s+rename(?:at2?)?\((?:(?:AT_FDCWD|\d+<[^>]*>), )?""(?<source>[^""]*)"", (?:(?:AT_FDCWD|\d+<[^>]*>), )?""(?<destination>[^""]+)""")]
    private static partial Regex RenamePattern();

    [GeneratedRegex("""^\d+\s+fsync\(\d+<(?<path>[^>]+)>""")]
    private static partial Regex FsyncPattern();

    [GeneratedRegex("""^\d+\s+pwrite(?:64|v2?)\(\d+<(?<path>[^>]+)>""")]
    private static partial Regex WritePattern();
}
