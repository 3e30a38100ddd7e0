using System.ComponentModel.DataAnnotations;

namespace Berth.Storage.Configuration;

/// <summary>Section "Storage": which driver holds the registry's content. Each driver reads its own sub-section.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    [Required]
    public string Driver { get; set; } = "filesystem";
}
