using System.ComponentModel.DataAnnotations;

namespace Berth.Web.Components.Pages;

/// <summary>The fields of the repository settings form.</summary>
public sealed class RepositorySettingsForm
{
    [StringLength(300)]
    public string? Description { get; set; }

    [StringLength(100_000)]
    public string? Readme { get; set; }

    [Required]
    public string Visibility { get; set; } = "private";
}
