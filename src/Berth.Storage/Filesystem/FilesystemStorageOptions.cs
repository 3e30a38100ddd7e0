using System.ComponentModel.DataAnnotations;

namespace Berth.Storage.Filesystem;

public sealed class FilesystemStorageOptions
{
    public const string SectionName = "Storage:Filesystem";

    /// <summary>The directory under which every object is kept.</summary>
    [Required]
    public string RootDirectory { get; set; } = "data";
}
