using System.ComponentModel.DataAnnotations;

namespace Berth.Registry.Api.Blobs;

/// <summary>
/// Section "Registry:BlobOffload": behind nginx, Berth can authorise a blob GET and let nginx send the file
/// (sendfile, no copy through the process) by answering with X-Accel-Redirect to an internal location that maps to
/// the filesystem driver's root. See docs/deployment.md ("Blob offload") for the nginx configuration.
/// </summary>
internal sealed class BlobOffloadOptions
{
    public const string SectionName = "Registry:BlobOffload";

    /// <summary>XAccelRedirect turns offloading on; None (the default) serves the bytes from Berth.</summary>
    [AllowedValues("None", "XAccelRedirect")]
    public string Mode { get; set; } = "None";

    /// <summary>nginx's internal location whose alias is the storage root; the blob's storage path is appended.</summary>
    [Required]
    [RegularExpression("^/[^?#]*$")]
    public string InternalLocation { get; set; } = "/_berth/storage";
}
