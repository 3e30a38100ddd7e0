using Berth.Index.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Index.Authentication;

/// <summary>
/// Open mode (Auth:Mode=None): the registry lets anyone pull, push and delete, so the index gives anonymous requests
/// the same reach by acting as the administrator (Index:AdminUser): every repository, private ones too, in the web
/// UI, /api/v1 and /v1/search. Requests with credentials or a UI session keep their own account.
/// </summary>
internal static class OpenAccess
{
    public static WebApplication UseOpenAccess(this WebApplication app)
    {
        var adminUser = app.Services.GetRequiredService<IOptions<IndexOptions>>().Value.AdminUser;
        Log.OpenAccess(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Berth.Index.Authentication.OpenAccess"), adminUser);
        app.Use(async (context, next) =>
        {
            // The registry's /v2 is open by itself; only the index's pages and APIs need an account.
            if (context.User.Identity is not { IsAuthenticated: true } && !context.Request.Path.StartsWithSegments("/v2", StringComparison.Ordinal)
                && await context.RequestServices.GetRequiredService<Authenticator>().FindAsync(adminUser, null, null, context.RequestAborted) is { } admin)
            {
                context.User = IndexClaims.CreatePrincipal(admin, IndexClaims.OpenScheme);
            }

            await next(context);
        });
        return app;
    }
}
