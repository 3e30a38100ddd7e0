using System.ComponentModel.DataAnnotations;

namespace Berth.Registry.Retention;

/// <summary>
/// Section "Retention": when the server applies the retention rules of namespace policies (docs/gc.md). The rules
/// themselves live in the store (<see cref="Policies.NamespacePolicyStore"/>); without a policy, a run removes nothing.
/// </summary>
internal sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>Whether <c>berth serve</c> applies retention on a schedule; <c>berth retention</c> runs regardless.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Time between scheduled runs. When a run and a garbage collection are due together, retention goes first.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Wait after start-up before the first scheduled run; the default equals garbage collection's so they run as one pass.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromHours(1);
}
