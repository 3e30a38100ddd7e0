using System.Globalization;
using Berth.Registry.GarbageCollection;
using Berth.Registry.Quotas;
using Berth.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Web.Components.Pages;

/// <summary>
/// /admin, for index administrators only (others get 404): storage and quotas per namespace, garbage collection runs
/// and a button to start one, namespace policies, and the registries (sites) registered with the index. Storage
/// sections need the registry in this process (role all).
/// </summary>
public sealed partial class AdminPage
{
    private static readonly string[] s_units = ["MiB", "GiB", "TiB", "KiB", "bytes"];

    private bool _allowed;
    private RegistryServices? _registry;
    private IReadOnlyList<NamespaceStorage> _storage = [];
    private IReadOnlyList<GcRunRecord> _runs = [];
    private string? _message;
    private bool _failed;

    [SupplyParameterFromForm(FormName = "new-quota", Name = "namespace")]
    private string? NewNamespace { get; set; }

    [SupplyParameterFromForm(FormName = "new-quota", Name = "amount")]
    private string? NewAmount { get; set; }

    [SupplyParameterFromForm(FormName = "new-quota", Name = "unit")]
    private string? NewUnit { get; set; }

    [SupplyParameterFromForm(FormName = "quotas", Name = "set")]
    private string? SetNamespace { get; set; }

    [SupplyParameterFromForm(FormName = "quotas", Name = "clear")]
    private string? ClearNamespace { get; set; }

    [SupplyParameterFromForm(FormName = "gc-run", Name = "dryRun")]
    private string? DryRun { get; set; }

    private string DefaultText => _registry?.Overview.DefaultQuotaBytes is > 0 and var bytes
        ? $"Namespaces without a quota of their own are held to the default, {Format.Size(bytes)}."
        : "Namespaces without a quota are unlimited.";

    private static RenderFragment UnitOptions => builder =>
    {
        foreach (var unit in s_units)
        {
            builder.OpenElement(0, "option");
            builder.AddAttribute(1, "value", unit);
            builder.AddContent(2, unit);
            builder.CloseElement();
        }
    };

    protected override async Task LoadAsync()
    {
        if (!RequireAdministrator())
        {
            return;
        }

        _allowed = true;
        _registry = RegistryServices.From(HttpContext.RequestServices);
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        if (_registry is not null)
        {
            _storage = await _registry.Overview.ListAsync(Aborted);
            _runs = await _registry.History.ListAsync(20, Aborted);
        }
    }

    private Task NewQuotaAsync() => SetQuotaAsync(NewNamespace?.Trim() ?? "", NewAmount, NewUnit);

    /// <summary>The table's form: the button pressed names the namespace, its row's fields carry the amount and unit.</summary>
    private Task ChangeQuotaAsync()
    {
        if (!string.IsNullOrEmpty(ClearNamespace))
        {
            return ClearQuotaAsync(ClearNamespace);
        }

        var ns = SetNamespace ?? "";
        var form = HttpContext.Request.Form;
        return SetQuotaAsync(ns, form[$"amount-{ns}"].ToString(), form[$"unit-{ns}"].ToString());
    }

    private async Task SetQuotaAsync(string ns, string? amount, string? unit)
    {
        if (!_allowed || _registry is null)
        {
            return;
        }

        if (!QuotaStore.IsValidNamespace(ns))
        {
            Fail($"'{ns}' is not a namespace: one lowercase component of a repository name, such as 'acme' in 'acme/web'.");
        }
        else if (ToBytes(amount, unit) is not { } bytes)
        {
            Fail($"The quota of {ns} must be a number, 0 or more, in one of the units offered (0 = unlimited).");
        }
        else
        {
            await _registry.Quotas.SetAsync(ns, bytes, Aborted);
            Done(bytes == 0 ? $"Namespace {ns} is now unlimited." : $"Quota of {ns} set to {Format.Size(bytes)}.");
        }

        await ReloadAsync();
    }

    private async Task ClearQuotaAsync(string ns)
    {
        if (!_allowed || _registry is null || !QuotaStore.IsValidNamespace(ns))
        {
            return;
        }

        await _registry.Quotas.DeleteAsync(ns, Aborted);
        Done($"Quota of {ns} cleared.");
        await ReloadAsync();
    }

    private async Task RunAsync()
    {
        if (!_allowed || _registry is null)
        {
            return;
        }

        var dryRun = !string.Equals(DryRun, "false", StringComparison.Ordinal);
        var report = await _registry.Collector.RunAsync(dryRun, Aborted);
        if (report.Skipped)
        {
            Fail("Another garbage collection holds the store; try again when it has finished.");
        }
        else
        {
            var what = $"{report.BlobsDeleted} blobs ({Format.Size(report.BytesDeleted)}), {report.ManifestsDeleted} manifests and {report.UploadsPurged} uploads";
            Done(dryRun ? $"Dry run: {what} would be removed." : $"Garbage collection finished in {Seconds((long)report.Duration.TotalMilliseconds)}: {what} removed.");
        }

        await ReloadAsync();
    }

    private static long? ToBytes(string? amount, string? unit)
    {
        if (!decimal.TryParse(amount, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) || value < 0)
        {
            return null;
        }

        var factor = unit switch
        {
            "bytes" => 1m,
            "KiB" => 1024m,
            "MiB" => 1024m * 1024,
            "GiB" => 1024m * 1024 * 1024,
            "TiB" => 1024m * 1024 * 1024 * 1024,
            _ => 0m,
        };
        var bytes = value * factor;
        return factor == 0 || bytes > long.MaxValue ? null : (long)bytes;
    }

    private static string Seconds(long milliseconds) => (milliseconds / 1000.0).ToString("0.0", CultureInfo.InvariantCulture) + " s";

    private void Done(string message) => (_message, _failed) = (message, false);

    private void Fail(string message) => (_message, _failed) = (message, true);

    /// <summary>The registry's services, present when this process runs the registry (role all), absent on an index-only node.</summary>
    private sealed record RegistryServices(StorageOverview Overview, QuotaStore Quotas, GarbageCollectionHistory History, GarbageCollector Collector)
    {
        public static RegistryServices? From(IServiceProvider services) =>
            services.GetService<StorageOverview>() is { } overview && services.GetService<GarbageCollector>() is { } collector
                ? new RegistryServices(overview, services.GetRequiredService<QuotaStore>(), services.GetRequiredService<GarbageCollectionHistory>(), collector)
                : null;
    }
}
