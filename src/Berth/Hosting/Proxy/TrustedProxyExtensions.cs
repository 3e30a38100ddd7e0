using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Berth.Hosting.Proxy;

/// <summary>
/// ASP.NET Core's forwarded-headers middleware, limited to the configured proxies. X-Forwarded-For from a trusted peer
/// becomes the client address (failed-login limits, audit records, request logs) and X-Forwarded-Proto the scheme
/// (Secure cookies, the token realm, absolute redirects). The Host header is taken as the proxy passes it on
/// (docs/deployment.md's nginx sends the client's), so X-Forwarded-Host is not read.
/// </summary>
internal static class TrustedProxyExtensions
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TrustedProxyOptions>().Bind(configuration.GetSection(TrustedProxyOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<TrustedProxyOptions>, TrustedProxyOptionsValidator>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxyOptions>>((forwarded, trusted) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.ForwardLimit = trusted.Value.ForwardLimit;

            // The defaults trust loopback; only what is configured may be trusted.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in trusted.Value.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in trusted.Value.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return services;
    }

    /// <summary>First in the pipeline, so everything after it sees the client's address and scheme; nothing when no proxy is configured.</summary>
    public static IApplicationBuilder UseTrustedProxies(this WebApplication app)
    {
        var trusted = app.Services.GetRequiredService<IOptions<TrustedProxyOptions>>().Value;
        if (trusted.IsEnabled)
        {
            app.UseForwardedHeaders();
            Log.TrustedProxies(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Berth.Proxy"), string.Join(", ", trusted.KnownProxies.Concat(trusted.KnownNetworks)));
        }

        return app;
    }
}
