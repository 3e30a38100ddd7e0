using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Berth.Client.Tests;

/// <summary>
/// A real Kestrel on loopback that guards a few registry routes the way token-auth registries do: 401 with a Bearer
/// challenge naming realm, service and scope; a token endpoint that wants Basic credentials and issues a token per
/// scope. In Basic mode it wants the credentials on every request instead.
/// </summary>
internal sealed class AuthRegistryServer : IAsyncDisposable
{
    public const string User = "alice";
    public const string Password = "s3cret";
    private readonly WebApplication _app;
    private int _tokensIssued;
    private long _uploadedBytes;

    private AuthRegistryServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public int TokensIssued => _tokensIssued;

    public long UploadedBytes => Interlocked.Read(ref _uploadedBytes);

    public static async Task<AuthRegistryServer> StartAsync(bool bearer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new AuthRegistryServer(app);
        app.MapGet("/token", server.IssueToken);
        app.Map("/v2/{**rest}", bearer ? server.HandleBearer : server.HandleBasic);
        await app.StartAsync();
        server.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static string BasicValue => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(User + ":" + Password));

    private IResult IssueToken(HttpContext context)
    {
        if (context.Request.Headers.Authorization != BasicValue)
        {
            return Results.Unauthorized();
        }

        Interlocked.Increment(ref _tokensIssued);
        var scope = string.Join(' ', context.Request.Query["scope"].ToArray());
        return Results.Json(new { token = "T " + scope, expires_in = 300 });
    }

    private async Task HandleBearer(HttpContext context)
    {
        var scope = RequiredScope(context.Request);
        if (context.Request.Headers.Authorization != "Bearer T " + scope)
        {
            context.Response.StatusCode = 401;
            context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"{BaseAddress}token\",service=\"test\",scope=\"{scope}\"";
            return;
        }

        await ServeAsync(context);
    }

    private async Task HandleBasic(HttpContext context)
    {
        if (context.Request.Headers.Authorization != BasicValue)
        {
            context.Response.StatusCode = 401;
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"test\"";
            return;
        }

        await ServeAsync(context);
    }

    /// <summary>Just enough of the API for the client's flows: upload sessions, manifests by tag.</summary>
    private async Task ServeAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value!;
        if (HttpMethods.IsPost(request.Method) && path.EndsWith("/blobs/uploads/", StringComparison.Ordinal))
        {
            context.Response.StatusCode = 202;
            context.Response.Headers.Location = path + "session-1";
        }
        else if (HttpMethods.IsPut(request.Method) && path.Contains("/blobs/uploads/", StringComparison.Ordinal))
        {
            var buffer = new byte[8192];
            int read;
            while ((read = await request.Body.ReadAsync(buffer)) > 0)
            {
                Interlocked.Add(ref _uploadedBytes, read);
            }

            context.Response.StatusCode = 201;
        }
        else if (path.Contains("/manifests/", StringComparison.Ordinal))
        {
            context.Response.ContentType = OciMediaTypes.ImageManifest;
            context.Response.Headers["Docker-Content-Digest"] = "sha256:" + new string('a', 64);
            await context.Response.WriteAsync("{}");
        }
        else
        {
            await context.Response.WriteAsJsonAsync(new { });
        }
    }

    private static string RequiredScope(HttpRequest request)
    {
        var path = request.Path.Value!;
        var at = path.IndexOf("/manifests/", StringComparison.Ordinal);
        at = at < 0 ? path.IndexOf("/blobs/", StringComparison.Ordinal) : at;
        var repository = at > 4 ? path[4..at] : string.Empty;
        var read = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
        return repository.Length == 0 ? "registry:catalog:*" : $"repository:{repository}:{(read ? "pull" : "pull,push")}";
    }
}
