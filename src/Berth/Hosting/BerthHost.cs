using System.Net;
using Berth.Hosting.BodyLimits;
using Berth.Hosting.Metrics;
using Berth.Hosting.Proxy;
using Berth.Hosting.RequestLogging;
using Berth.Hosting.Shutdown;
using Berth.Hosting.Transport;
using Berth.Mirror;
using Berth.Registry;
using Berth.Registry.Api;
using Berth.Registry.Api.Admin;
using Berth.Registry.GarbageCollection;
using Berth.Registry.Notifications;
using Berth.Replication;
using Berth.Web;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using OpenTelemetry.Metrics;

namespace Berth.Hosting;

/// <summary>Composes the server: configuration sources, Kestrel, storage, the registry API, the index and auth, health and metrics.</summary>
public static class BerthHost
{
    public static WebApplication Build(BerthHostSettings settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [.. settings.Args],
            ContentRootPath = AppContext.BaseDirectory,
        });
        var berth = BerthConfiguration.Apply(builder, settings);

        ConfigureKestrel(builder, berth);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddTrustedProxies(builder.Configuration);
        builder.AddBerthAuth(berth);
        if (AuthComposition.RunsRegistry(berth))
        {
            builder.Services.AddBerthStorage(builder.Configuration, berth);
            builder.Services.AddRegistry();
            builder.Services.AddRegistryApi();
            builder.Services.AddGarbageCollectionSchedule(builder.Configuration);
            builder.Services.AddStorageAdminApi();
            builder.Services.AddNotifications(builder.Configuration, berth.DataDirectory, builder.AddIndexEvents(berth));
            if (MirrorServiceCollectionExtensions.IsMirrorConfigured(builder.Configuration))
            {
                builder.Services.AddMirror(builder.Configuration);
            }
        }

        var runsIndex = AuthComposition.RunsIndex(berth, AuthComposition.Read(builder.Configuration));
        if (runsIndex)
        {
            builder.Services.AddBerthWeb();
        }

        // Replication reads and writes this node's registry and keeps its queue in the index database: it needs both.
        var runsReplication = runsIndex && AuthComposition.RunsRegistry(berth);
        if (runsReplication)
        {
            builder.Services.AddReplication(builder.Configuration);
        }

        builder.Services.AddGracefulShutdown(berth);
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddMeter(BerthMeters.Names)
            .AddPrometheusExporter());

        settings.Configure?.Invoke(builder);

        var app = builder.Build();
        app.UseTrustedProxies();
        app.UseMetricsListener();
        app.UseBerthRequestLogging();
        app.UseMiddleware<ApiBodyLimitMiddleware>();
        app.MapHealthEndpoints();
        app.MapBerthAuth(berth);
        if (AuthComposition.RunsRegistry(berth))
        {
            app.MapRegistryApi();
            app.MapRegistryAdminApi();
            app.MapStorageAdminApi();
            app.WarnWithoutIndexEvents(berth);
            if (MirrorServiceCollectionExtensions.IsMirrorConfigured(app.Configuration))
            {
                app.MapMirror();
            }
        }

        if (runsReplication)
        {
            app.MapReplication();
        }

        if (runsIndex)
        {
            app.MapBerthWeb();
        }

        return app;
    }

    private static void ConfigureKestrel(WebApplicationBuilder builder, BerthOptions berth)
    {
        builder.WebHost.UseUrls();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(ParseEndpoint(berth.Listen, "Berth:Listen"));
            if (berth.MetricsListen is { } metrics)
            {
                kestrel.Listen(ParseEndpoint(metrics, "Berth:MetricsListen"), listen => listen.UseMetricsMarker());
            }

            kestrel.Limits.MaxRequestBodySize = null;
            // Kestrel's default, pinned: an upload's receive loop waits for 256 KiB of body before it writes, and Kestrel
            // stops reading a connection once this much of it is unconsumed, so it must stay well above that.
            kestrel.Limits.MaxRequestBufferSize = 1024 * 1024;
            kestrel.Limits.MaxConcurrentConnections = null;
            kestrel.Limits.MaxConcurrentUpgradedConnections = null;
            kestrel.AddServerHeader = false;
        });
        builder.Services.Configure<SocketTransportOptions>(o => o.UnsafePreferInlineScheduling = berth.InlineScheduling);
        builder.Services.AddSingleton<IMemoryPoolFactory<byte>, LargeBlockMemoryPoolFactory>();
    }

    private static IPEndPoint ParseEndpoint(string listen, string key)
    {
        var value = listen.Contains("://", StringComparison.Ordinal) ? new Uri(listen).Authority : listen;
        if (value.StartsWith("localhost:", StringComparison.OrdinalIgnoreCase))
        {
            value = "127.0.0.1" + value["localhost".Length..];
        }

        return IPEndPoint.TryParse(value, out var endpoint)
            ? endpoint
            : throw new InvalidOperationException($"{key} '{listen}' is not host:port (e.g. 127.0.0.1:5000 or [::]:5000).");
    }
}
