using System.ComponentModel.DataAnnotations;

namespace Berth.Storage.SharedReads;

/// <summary>
/// Section "Storage:SharedReads": concurrent reads of one immutable object (a blob) on an object store share one fetch
/// from the store, spooled to a local file that every reader follows (docs/storage.md, "Shared reads").
/// Not used with the filesystem driver, whose reads already come from the page cache.
/// </summary>
public sealed class SharedReadOptions
{
    public const string SectionName = "Storage:SharedReads";

    public bool Enabled { get; set; } = true;

    /// <summary>Where spool files go; default &lt;Berth:DataDirectory&gt;/temp/shared-reads. Emptied of spool files at start.</summary>
    public string? SpoolDirectory { get; set; }

    /// <summary>Objects smaller than this are streamed to their reader as before, without a spool file.</summary>
    [Range(0, long.MaxValue)]
    public long MinBytes { get; set; } = 1024 * 1024;

    /// <summary>Spool bytes at once, on disk and in memory, over all fetches; a fetch that would exceed it is streamed to its reader as before.</summary>
    [Range(1, long.MaxValue)]
    public long MaxSpoolBytes { get; set; } = 8L * 1024 * 1024 * 1024;

    /// <summary>
    /// Objects up to this size are spooled in memory instead of a file while <see cref="MaxMemoryBytes"/> allows: a
    /// spool file costs each read of an object its own file (created, written, read back, deleted), which a blob read
    /// by one client alone pays for nothing.
    /// </summary>
    [Range(0, int.MaxValue)]
    public long MaxMemoryObjectBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Spool bytes held in memory at once, over all fetches (part of <see cref="MaxSpoolBytes"/>); 0 spools every object to a file.</summary>
    [Range(0, long.MaxValue)]
    public long MaxMemoryBytes { get; set; } = 128 * 1024 * 1024;
}
