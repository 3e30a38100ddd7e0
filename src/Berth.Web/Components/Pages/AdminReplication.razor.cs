using Berth.Replication.Model;
using Berth.Replication.Queue;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Web.Components.Pages;

/// <summary>
/// /admin/replication, for index administrators only (others get 404): the replication targets and rules, added,
/// edited, tested, run and removed, and the newest executions with each image's status and the errors. Replication
/// runs where the registry and the index share a process (role all); elsewhere the page says so.
/// </summary>
public sealed partial class AdminReplication
{
    private const int ExecutionsShown = 30;

    private bool _allowed;
    private bool _available;
    private IReadOnlyList<TargetView> _targets = [];
    private IReadOnlyList<RuleView> _rules = [];
    private IReadOnlyList<ExecutionView> _executions = [];

    protected override async Task LoadAsync()
    {
        if (!RequireAdministrator())
        {
            return;
        }

        _allowed = true;
        _available = HttpContext.RequestServices.GetService<ReplicationQueue>() is not null;
        await ReloadAsync();
    }

    /// <summary>Reads everything again: a section's change (a run queued, a target added) shows in the others.</summary>
    private async Task ReloadAsync()
    {
        if (!_available)
        {
            return;
        }

        var services = HttpContext.RequestServices;
        _targets = await services.GetRequiredService<ReplicationTargets>().ListAsync(Aborted);
        _rules = await services.GetRequiredService<ReplicationRules>().ListAsync(Aborted);
        _executions = await services.GetRequiredService<ReplicationQueue>().ListAsync(null, ExecutionsShown, Aborted);
    }
}
