using System.Globalization;
using Berth.Registry.Policies;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Web.Components.Pages;

/// <summary>
/// The policy section of /admin (rendered for administrators only): namespace-wide immutable tag patterns and one
/// retention rule per namespace, through <see cref="NamespacePolicyStore"/>. Repository-scoped rules are kept as they are.
/// </summary>
public sealed partial class AdminPolicies
{
    private NamespacePolicyStore? _store;
    private IReadOnlyList<NamespacePolicy> _policies = [];
    private string? _message;
    private bool _failed;

    [CascadingParameter]
    public HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "set-policy", Name = "namespace")]
    private string? Namespace { get; set; }

    [SupplyParameterFromForm(FormName = "set-policy", Name = "immutable")]
    private string? Immutable { get; set; }

    [SupplyParameterFromForm(FormName = "set-policy", Name = "keepLast")]
    private string? KeepLast { get; set; }

    [SupplyParameterFromForm(FormName = "set-policy", Name = "olderThanDays")]
    private string? OlderThanDays { get; set; }

    [SupplyParameterFromForm(FormName = "set-policy", Name = "keepTags")]
    private string? KeepTags { get; set; }

    [SupplyParameterFromForm(FormName = "delete-policy", Name = "namespace")]
    private string? DeleteNamespace { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _store = Services.GetService<NamespacePolicyStore>();
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        if (_store is not null)
        {
            _policies = await _store.ListAsync(HttpContext.RequestAborted);
        }
    }

    private async Task SaveAsync()
    {
        if (_store is null)
        {
            return;
        }

        var ns = Namespace?.Trim() ?? "";
        try
        {
            var existing = NamespacePolicy.IsValidNamespace(ns) ? await _store.GetAsync(ns, HttpContext.RequestAborted) : null;
            var policy = new NamespacePolicy
            {
                ImmutableTags = [.. Split(Immutable).Select(t => new ImmutableTagRule { Tags = t }), .. existing?.ImmutableTags.Where(r => r.Repositories is not null) ?? []],
                Retention = [.. Retention(), .. existing?.Retention.Where(r => r.Repositories is not null) ?? []],
            };
            await _store.PutAsync(ns, policy, HttpContext.RequestAborted);
            (_message, _failed) = ($"Policy of {ns} saved.", false);
        }
        catch (PolicyValidationException e)
        {
            (_message, _failed) = (e.Message, true);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            (_message, _failed) = ("Keep last and days must be whole numbers.", true);
        }

        await ReloadAsync();
    }

    private async Task DeleteAsync()
    {
        if (_store is null || string.IsNullOrEmpty(DeleteNamespace))
        {
            return;
        }

        var deleted = await _store.DeleteAsync(DeleteNamespace, HttpContext.RequestAborted);
        (_message, _failed) = (deleted ? $"Policy of {DeleteNamespace} removed." : $"{DeleteNamespace} had no policy.", !deleted);
        await ReloadAsync();
    }

    private IEnumerable<RetentionRule> Retention()
    {
        int? keepLast = string.IsNullOrWhiteSpace(KeepLast) ? null : int.Parse(KeepLast, NumberStyles.None, CultureInfo.InvariantCulture);
        int? days = string.IsNullOrWhiteSpace(OlderThanDays) ? null : int.Parse(OlderThanDays, NumberStyles.None, CultureInfo.InvariantCulture);
        var keepTags = Split(KeepTags);
        return keepLast is null && days is null && keepTags.Count == 0
            ? []
            : [new RetentionRule { KeepLast = keepLast, OlderThanDays = days, KeepTags = keepTags }];
    }

    private static List<string> Split(string? patterns) =>
        [.. (patterns ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static string Describe(RetentionRule rule)
    {
        var parts = new List<string>();
        if (rule.KeepLast is { } keep)
        {
            parts.Add($"keep last {keep}");
        }

        if (rule.OlderThanDays is { } days)
        {
            parts.Add($"remove after {days} days");
        }

        if (rule.KeepTags.Count > 0)
        {
            parts.Add("never " + string.Join(", ", rule.KeepTags));
        }

        return (rule.Repositories is null ? "" : rule.Repositories + ": ") + string.Join(", ", parts);
    }
}
