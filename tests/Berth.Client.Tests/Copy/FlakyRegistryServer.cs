using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Berth.Client.Tests.Copy;

/// <summary>
/// A real Kestrel on loopback playing a registry that fails the first attempt of each kind of request — 503 on the
/// blob PUT, 429 on the manifest PUT — and then accepts, counting what it got: the overloaded registry retries are for.
/// </summary>
internal sealed class FlakyRegistryServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);

    private FlakyRegistryServer(WebApplication app) => _app = app;

    public string HostPort { get; private set; } = string.Empty;

    public ConcurrentDictionary<string, byte> Blobs { get; } = new(StringComparer.Ordinal);

    public int Attempts(string kind) => _attempts.GetValueOrDefault(kind);

    public static async Task<FlakyRegistryServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FlakyRegistryServer(app);
        app.MapMethods("/v2/{name}/{repo}/blobs/{digest}", ["HEAD"], () => Results.NotFound());
        app.MapPost("/v2/{name}/{repo}/blobs/uploads/", (HttpContext context) =>
        {
            context.Response.Headers.Location = $"/v2/flaky/app/blobs/uploads/{Guid.NewGuid():N}";
            return Results.StatusCode(StatusCodes.Status202Accepted);
        });
        app.MapPut("/v2/{name}/{repo}/blobs/uploads/{id}", async (HttpContext context, string digest) =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            if (server.Count("blob") == 1)
            {
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }

            server.Blobs[digest] = 0;
            return Results.Created();
        });
        app.MapPut("/v2/{name}/{repo}/manifests/{reference}", async (HttpContext context) =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            return server.Count("manifest") == 1 ? Results.StatusCode(StatusCodes.Status429TooManyRequests) : Results.Created();
        });
        await app.StartAsync();
        server.HostPort = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First()).Authority;
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private int Count(string kind) => _attempts.AddOrUpdate(kind, 1, (_, n) => n + 1);
}
