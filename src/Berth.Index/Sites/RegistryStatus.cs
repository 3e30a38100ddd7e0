namespace Berth.Index.Sites;

/// <summary>
/// A registered registry as the admin API and UI show it (never its secret): reachable now, when its last event
/// batch arrived, and that batch's lag (arrival minus the newest event's time).
/// </summary>
public sealed record RegistryStatus(
    string Name,
    string Url,
    string? PullHost,
    bool Reachable,
    DateTime? LastEventAt,
    double? LagSeconds,
    DateTime? LastResyncAt,
    string? LastError,
    long Repositories);
