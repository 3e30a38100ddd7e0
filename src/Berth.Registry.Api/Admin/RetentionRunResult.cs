using Berth.Registry.Retention;

namespace Berth.Registry.Api.Admin;

/// <summary>POST /api/v1/admin/retention: what the run removed (or, with dryRun, would remove).</summary>
internal sealed record RetentionRunResult(
    string RunId,
    bool DryRun,
    DateTimeOffset StartedAt,
    double DurationSeconds,
    int Namespaces,
    int Repositories,
    int TagsScanned,
    int Immutable,
    IReadOnlyList<RetentionRunTag> Removed,
    IReadOnlyList<string> Errors)
{
    public static RetentionRunResult From(RetentionReport report) =>
        new(
            report.RunId,
            report.DryRun,
            report.StartedAt,
            report.Duration.TotalSeconds,
            report.Namespaces,
            report.Repositories,
            report.TagsScanned,
            report.Immutable,
            [.. report.Removed.Select(r => new RetentionRunTag(r.Repository, r.Tag, r.Digest.ToString(), r.PushedAt, r.Reason))],
            report.Errors);
}
