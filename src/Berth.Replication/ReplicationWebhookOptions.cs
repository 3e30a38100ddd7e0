using System.ComponentModel.DataAnnotations;

namespace Berth.Replication;

/// <summary>One receiver of replication events.</summary>
public sealed class ReplicationWebhookOptions
{
    [Required]
    public Uri? Url { get; set; }

    /// <summary>Key of the body's HMAC-SHA256 in X-Berth-Signature (as for notifications); unsigned when unset.</summary>
    public string? Secret { get; set; }
}
