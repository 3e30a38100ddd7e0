namespace Berth.Index.Data;

/// <summary>A security-relevant event: login, token grant, account or permission change.</summary>
internal sealed class AuditEvent
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    public required string Kind { get; set; }

    /// <summary>Who did it: a user name, "anonymous", or "cli".</summary>
    public required string Actor { get; set; }

    public string? Subject { get; set; }

    public string? ClientAddress { get; set; }

    public bool Success { get; set; }

    public string? Detail { get; set; }
}
