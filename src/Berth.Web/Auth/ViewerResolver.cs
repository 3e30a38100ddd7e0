using Berth.Index.Authentication;
using Berth.Web.Catalog;
using Microsoft.AspNetCore.Http;

namespace Berth.Web.Auth;

/// <summary>
/// The viewer of a request, from the index's cookie principal (whose stamp the cookie handler has checked already).
/// A principal limited by a token's actions is not a UI session, so pages treat it as nobody.
/// </summary>
internal static class ViewerResolver
{
    public static WebViewer Get(HttpContext context) =>
        IndexClaims.ToIndexPrincipal(context.User) is { ActionLimit: null } principal ? new WebViewer(principal) : WebViewer.Anonymous;
}
