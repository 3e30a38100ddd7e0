using Berth.Index.Authentication;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Berth.Web.Auth;

/// <summary>The two forms that change no page state of their own: sign out, and the theme toggle.</summary>
internal static class WebFormEndpoints
{
    public static void MapWebForms(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/signout", async (HttpContext context, [FromForm(Name = "returnUrl")] string? returnUrl) =>
        {
            await IndexSignIn.SignOutAsync(context);
            return Results.LocalRedirect(LocalUrl.OrHome(returnUrl));
        }).WithMetadata(new RequireAntiforgeryTokenAttribute()).ExcludeFromDescription();

        endpoints.MapPost("/theme", (HttpContext context, [FromForm(Name = "theme")] string? theme, [FromForm(Name = "returnUrl")] string? returnUrl) =>
        {
            var chosen = theme is ThemePreference.Light or ThemePreference.Dark or ThemePreference.Auto ? theme : ThemePreference.Next(ThemePreference.Read(context));
            ThemePreference.Write(context, chosen);
            return Results.LocalRedirect(LocalUrl.OrHome(returnUrl));
        }).WithMetadata(new RequireAntiforgeryTokenAttribute()).ExcludeFromDescription();
    }
}
