using Berth.Web.Auth;
using Berth.Web.Catalog;
using Berth.Web.Components;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Web;

/// <summary>Registers and maps the web UI: server-rendered Razor components, its assets and its form endpoints.</summary>
public static class WebServiceCollectionExtensions
{
    public static IServiceCollection AddBerthWeb(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddSingleton<IWebCatalog, IndexWebCatalog>();
        return services;
    }

    /// <summary>Maps the pages; call after authentication and antiforgery middleware (UseBerthWeb).</summary>
    public static IEndpointRouteBuilder MapBerthWeb(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapWebAssets();
        endpoints.MapWebForms();
        endpoints.MapOidcSignIn();
        endpoints.MapRazorComponents<App>();
        return endpoints;
    }
}
