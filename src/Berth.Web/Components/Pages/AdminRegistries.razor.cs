using System.Globalization;
using Berth.Index.Sites;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace Berth.Web.Components.Pages;

/// <summary>
/// The registries section of /admin (rendered for administrators only): every registered registry with whether it
/// answers now, its last event and that batch's lag, its last resync, and a button to resynchronise it.
/// </summary>
public sealed partial class AdminRegistries
{
    private IReadOnlyList<RegistryStatus> _registries = [];
    private string? _message;
    private bool _failed;

    [CascadingParameter]
    public HttpContext HttpContext { get; set; } = default!;

    [Inject]
    private RegistryStatusQueries Status { get; set; } = default!;

    [Inject]
    private RegistryResync Resync { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "resync-registry", Name = "registry")]
    private string? ResyncName { get; set; }

    protected override async Task OnInitializedAsync() => _registries = await Status.ListAsync(HttpContext.RequestAborted);

    private async Task ResyncAsync()
    {
        if (string.IsNullOrEmpty(ResyncName))
        {
            return;
        }

        try
        {
            var result = await Resync.RunAsync(ResyncName, null, HttpContext.RequestAborted);
            (_message, _failed) = result is null
                ? ($"No registry is registered as '{ResyncName}'.", true)
                : ($"Resynchronised {ResyncName}: {result.Repositories} repositories, {result.Tags} tags.", false);
        }
        catch (Exception e) when (e is HttpRequestException or Client.RegistryClientException || (e is OperationCanceledException && !HttpContext.RequestAborted.IsCancellationRequested))
        {
            (_message, _failed) = ($"Registry {ResyncName} could not be read: {e.Message}", true);
        }

        _registries = await Status.ListAsync(HttpContext.RequestAborted);
    }

    private static string Lag(double seconds) =>
        seconds < 1
            ? string.Create(CultureInfo.InvariantCulture, $"{seconds * 1000:0} ms")
            : string.Create(CultureInfo.InvariantCulture, $"{seconds:0.0} s");

    private static string Shorten(string error) => error.Length <= 80 ? error : error[..80] + "…";
}
