using System.ComponentModel.DataAnnotations;

namespace Berth.Web.Components.Pages;

/// <summary>The fields of the new personal access token form.</summary>
public sealed class TokenForm
{
    [Required(ErrorMessage = "Give the token a name.")]
    [StringLength(128)]
    public string? Name { get; set; }

    public bool Pull { get; set; } = true;

    public bool Push { get; set; }

    public bool Delete { get; set; }

    /// <summary>Days until it expires; 0 for never.</summary>
    [Range(0, 3650)]
    public int ExpiresInDays { get; set; } = 90;
}
