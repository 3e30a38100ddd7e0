using Berth.Index;
using Berth.Index.Data.Replication;
using Berth.Replication.Execution;
using Berth.Replication.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace Berth.Web.Components.Replication;

/// <summary>
/// The targets of /admin/replication: the list with a test-connection and a remove button each, and one form that
/// adds a target or, with ?target=NAME, edits that one (the secret stays unless a new one is typed).
/// </summary>
public sealed partial class ReplicationTargetsSection
{
    private string? _message;
    private bool _failed;
    private bool _saved;

    [CascadingParameter]
    public HttpContext HttpContext { get; set; } = default!;

    [Parameter]
    public IReadOnlyList<TargetView> Targets { get; set; } = [];

    /// <summary>Raised after a change, so the page reads every section again.</summary>
    [Parameter]
    public EventCallback Changed { get; set; }

    [Inject]
    private ReplicationTargets Store { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "target")]
    private string? EditName { get; set; }

    [SupplyParameterFromForm(FormName = "target")]
    private ReplicationTargetForm? TargetForm { get; set; }

    [SupplyParameterFromForm(FormName = "target-action", Name = "test")]
    private string? TestName { get; set; }

    [SupplyParameterFromForm(FormName = "target-action", Name = "remove")]
    private string? RemoveName { get; set; }

    protected override void OnParametersSet()
    {
        if (_saved)
        {
            // The posted form is supplied again when the page re-renders; after a save the form starts empty.
            TargetForm = new ReplicationTargetForm();
        }
        else if (TargetForm is null)
        {
            TargetForm = Targets.FirstOrDefault(t => t.Name == EditName) is { } editing ? ReplicationTargetForm.From(editing) : new ReplicationTargetForm();
        }
    }

    private async Task SaveTargetAsync()
    {
        var form = TargetForm ?? new ReplicationTargetForm();
        try
        {
            var spec = form.ToSpec();
            if (form.IsEdit)
            {
                var updated = await Store.UpdateAsync(spec.Name, spec, HttpContext.RequestAborted);
                Report(updated is null ? $"There is no target named '{spec.Name}'." : $"Target {spec.Name} saved.", updated is null);
            }
            else
            {
                await Store.AddAsync(spec, HttpContext.RequestAborted);
                Report($"Target {spec.Name} added.", false);
            }

            _saved = !_failed;
        }
        catch (IndexException e)
        {
            Report(e.Message, true);
        }

        await Changed.InvokeAsync();
    }

    private async Task TargetActionAsync()
    {
        if (!string.IsNullOrEmpty(TestName))
        {
            var target = await Store.FindAsync(TestName, HttpContext.RequestAborted);
            if (target is null)
            {
                Report($"There is no target named '{TestName}'.", true);
                return;
            }

            var check = await TargetConnectionTest.RunAsync(target, HttpContext.RequestAborted);
            Report($"{TestName}: {check.Message}", !(check.Reachable && check.Authenticated));
        }
        else if (!string.IsNullOrEmpty(RemoveName))
        {
            try
            {
                var removed = await Store.RemoveAsync(RemoveName, HttpContext.RequestAborted);
                Report(removed ? $"Target {RemoveName} removed." : $"There is no target named '{RemoveName}'.", !removed);
            }
            catch (IndexException e)
            {
                Report(e.Message, true);
            }

            await Changed.InvokeAsync();
        }
    }

    private void Report(string message, bool failed) => (_message, _failed) = (message, failed);

    private static string Credentials(TargetView target) => target.CredentialKind switch
    {
        ReplicationCredentialKind.Basic => $"user {target.Username}",
        ReplicationCredentialKind.Token => "bearer token",
        _ => "none",
    };
}
