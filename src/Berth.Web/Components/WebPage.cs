using Berth.Web.Auth;
using Berth.Web.Catalog;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace Berth.Web.Components;

/// <summary>Base of the pages: the request, the viewer, and a 404 that hides whether something exists.</summary>
public abstract class WebPage : ComponentBase
{
    [CascadingParameter]
    public HttpContext HttpContext { get; set; } = default!;

    [Inject]
    public NavigationManager Navigation { get; set; } = default!;

    protected WebViewer Viewer { get; private set; } = WebViewer.Anonymous;

    protected CancellationToken Aborted => HttpContext.RequestAborted;

    protected override async Task OnInitializedAsync()
    {
        Viewer = ViewerResolver.Get(HttpContext);
        await LoadAsync();
    }

    protected abstract Task LoadAsync();

    /// <summary>Answers 404 for what does not exist and for what the viewer may not read alike.</summary>
    protected void NotFound() => Navigation.NotFound();

    /// <summary>Sends someone who is not signed in to the sign-in page, back here afterwards.</summary>
    protected void RequireSignIn() =>
        Navigation.NavigateTo("/signin?returnUrl=" + Uri.EscapeDataString(HttpContext.Request.Path + HttpContext.Request.QueryString), forceLoad: true);

    /// <summary>True for an administrator; anyone else is sent to sign in or gets the 404 that hides the page.</summary>
    protected bool RequireAdministrator()
    {
        if (Viewer.Principal is null)
        {
            RequireSignIn();
            return false;
        }

        if (!Viewer.Principal.IsAdmin)
        {
            NotFound();
            return false;
        }

        return true;
    }
}
