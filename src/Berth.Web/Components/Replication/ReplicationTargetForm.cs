using Berth.Index.Data.Replication;
using Berth.Replication.Model;

namespace Berth.Web.Components.Replication;

/// <summary>The fields of the replication target form (add, or edit when <see cref="Editing"/> names the target).</summary>
internal sealed class ReplicationTargetForm
{
    /// <summary>The name of the target being edited; empty when adding one.</summary>
    public string? Editing { get; set; }

    public string? Name { get; set; }

    public string? Url { get; set; }

    public ReplicationCredentialKind CredentialKind { get; set; }

    public string? Username { get; set; }

    /// <summary>Write-only: empty on an edit keeps the stored secret.</summary>
    public string? Secret { get; set; }

    public string? CaCertificatePem { get; set; }

    public bool SkipTlsVerify { get; set; }

    public bool IsEdit => !string.IsNullOrEmpty(Editing);

    public static ReplicationTargetForm From(TargetView target) => new()
    {
        Editing = target.Name,
        Name = target.Name,
        Url = target.Url,
        CredentialKind = target.CredentialKind,
        Username = target.Username,
        SkipTlsVerify = target.SkipTlsVerify,
    };

    public TargetSpec ToSpec() => new(
        (IsEdit ? Editing : Name)?.Trim() ?? "",
        Url?.Trim() ?? "",
        CredentialKind,
        string.IsNullOrWhiteSpace(Username) ? null : Username.Trim(),
        string.IsNullOrEmpty(Secret) ? null : Secret,
        SkipTlsVerify,
        string.IsNullOrWhiteSpace(CaCertificatePem) ? null : CaCertificatePem.Trim());
}
