using Berth.Index;
using Berth.Index.Htpasswd;
using Berth.Registry.Api.Auth;
using Berth.Tokens;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Berth.Hosting;

/// <summary>
/// Wires authentication for the configured role and mode: the index (token service, accounts) where it runs, and the
/// registry's guard: token check with local keys or the index's JWKS, htpasswd, or open.
/// </summary>
internal static class AuthComposition
{
    /// <summary>The index runs in role Index, and in role All with token auth or, unless Berth:OpenIndex is false, open mode.</summary>
    public static bool RunsIndex(BerthOptions berth, AuthOptions auth) =>
        berth.Role == BerthRole.Index || (berth.Role == BerthRole.All && (auth.Mode == AuthMode.Token || (auth.Mode == AuthMode.None && berth.OpenIndex)));

    public static bool RunsRegistry(BerthOptions berth) => berth.Role != BerthRole.Index;

    public static AuthOptions Read(IConfiguration configuration) =>
        configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();

    public static void AddBerthAuth(this WebApplicationBuilder builder, BerthOptions berth)
    {
        var auth = Read(builder.Configuration);
        builder.Services.AddOptions<AuthOptions>().Bind(builder.Configuration.GetSection(AuthOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        if (RunsIndex(berth, auth))
        {
            builder.Services.AddBerthIndex(builder.Configuration, berth.DataDirectory);
            if (RunsRegistry(berth))
            {
                builder.Services.AddBerthIndexRegistryLink();
            }
        }

        if (!RunsRegistry(berth))
        {
            return;
        }

        switch (auth.Mode)
        {
            case AuthMode.Token:
                if (berth.Role == BerthRole.Registry)
                {
                    if (auth.IndexUrl is null)
                    {
                        throw new InvalidOperationException("A registry running apart needs the index's URL: --index-url or Auth:IndexUrl.");
                    }

                    builder.Services.AddJwksKeySource();
                }

                builder.Services.AddTokenAccessGuard();
                break;
            case AuthMode.Htpasswd:
                builder.Services.AddHtpasswd();
                builder.Services.Replace(ServiceDescriptor.Singleton<IRegistryAccessGuard, HtpasswdAccessGuard>());
                break;
            default:
                builder.Services.TryAddSingleton<IRegistryAccessGuard, OpenAccessGuard>();
                break;
        }
    }

    public static void MapBerthAuth(this WebApplication app, BerthOptions berth)
    {
        var auth = Read(app.Configuration);
        if (RunsIndex(berth, auth))
        {
            app.UseBerthIndex();
            app.MapBerthIndex();
        }

        if (RunsRegistry(berth) && auth.Mode == AuthMode.None)
        {
            Log.OpenRegistry(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Berth.Auth"));
        }
    }
}
