using Berth.Index;
using Berth.Index.Data.Replication;
using Berth.Replication.Model;
using Berth.Replication.Queue;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace Berth.Web.Components.Replication;

/// <summary>
/// The rules of /admin/replication: the list with run, enable or disable and remove buttons, and one form that adds
/// a rule or, with ?rule=NAME, edits that one.
/// </summary>
public sealed partial class ReplicationRulesSection
{
    private string? _message;
    private bool _failed;
    private bool _saved;

    [CascadingParameter]
    public HttpContext HttpContext { get; set; } = default!;

    [Parameter]
    public IReadOnlyList<RuleView> Rules { get; set; } = [];

    [Parameter]
    public IReadOnlyList<TargetView> Targets { get; set; } = [];

    /// <summary>Raised after a change, so the page reads every section again (a queued run shows in the executions).</summary>
    [Parameter]
    public EventCallback Changed { get; set; }

    [Inject]
    private ReplicationRules Store { get; set; } = default!;

    [Inject]
    private ReplicationQueue Queue { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "rule")]
    private string? EditName { get; set; }

    [SupplyParameterFromForm(FormName = "rule")]
    private ReplicationRuleForm? RuleForm { get; set; }

    [SupplyParameterFromForm(FormName = "rule-action", Name = "run")]
    private string? RunName { get; set; }

    [SupplyParameterFromForm(FormName = "rule-action", Name = "toggle")]
    private string? ToggleName { get; set; }

    [SupplyParameterFromForm(FormName = "rule-action", Name = "remove")]
    private string? RemoveName { get; set; }

    protected override void OnParametersSet()
    {
        if (_saved)
        {
            // The posted form is supplied again when the page re-renders; after a save the form starts empty.
            RuleForm = new ReplicationRuleForm();
        }
        else if (RuleForm is null)
        {
            RuleForm = Rules.FirstOrDefault(r => r.Name == EditName) is { } editing ? ReplicationRuleForm.From(editing) : new ReplicationRuleForm();
        }

        RuleForm.Target ??= Targets.Count > 0 ? Targets[0].Name : null;
    }

    private async Task SaveRuleAsync()
    {
        var form = RuleForm ?? new ReplicationRuleForm();
        try
        {
            var spec = form.ToSpec();
            if (form.IsEdit)
            {
                var updated = await Store.UpdateAsync(spec.Name, spec, HttpContext.RequestAborted);
                Report(updated is null ? $"There is no rule named '{spec.Name}'." : $"Rule {spec.Name} saved.", updated is null);
            }
            else
            {
                await Store.AddAsync(spec, HttpContext.RequestAborted);
                Report($"Rule {spec.Name} added.", false);
            }

            _saved = !_failed;
        }
        catch (IndexException e)
        {
            Report(e.Message, true);
        }

        await Changed.InvokeAsync();
    }

    private async Task RuleActionAsync()
    {
        if (!string.IsNullOrEmpty(RunName))
        {
            var execution = await Queue.RunAsync(RunName, HttpContext.RequestAborted);
            Report(execution is null ? $"There is no rule named '{RunName}'." : $"Run of {RunName} queued as execution {execution.Id}.", execution is null);
        }
        else if (!string.IsNullOrEmpty(ToggleName))
        {
            var enable = Rules.FirstOrDefault(r => r.Name == ToggleName) is { Enabled: false };
            var changed = await Store.SetEnabledAsync(ToggleName, enable, HttpContext.RequestAborted);
            Report(changed ? $"Rule {ToggleName} {(enable ? "enabled" : "disabled")}." : $"There is no rule named '{ToggleName}'.", !changed);
        }
        else if (!string.IsNullOrEmpty(RemoveName))
        {
            var removed = await Store.RemoveAsync(RemoveName, HttpContext.RequestAborted);
            Report(removed ? $"Rule {RemoveName} removed." : $"There is no rule named '{RemoveName}'.", !removed);
        }

        await Changed.InvokeAsync();
    }

    private void Report(string message, bool failed) => (_message, _failed) = (message, failed);

    private static string Scope(RuleView rule)
    {
        var kinds = rule.ContentKinds == ReplicationContentKinds.All ? "all content" : rule.ContentKinds.ToString().ToLowerInvariant();
        var scope = $"{rule.RepositoryFilter} : {rule.TagFilter}, {kinds}";
        scope += rule.Referrers ? ", with referrers" : "";
        return rule.DestinationNamespace is { } ns ? $"{scope} → {ns}/" : scope;
    }

    private static string Trigger(RuleView rule) => rule.Trigger switch
    {
        ReplicationTrigger.Event => "on events",
        ReplicationTrigger.Schedule => $"schedule {rule.Schedule}",
        _ => "by hand",
    };
}
