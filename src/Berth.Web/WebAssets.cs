using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Berth.Web;

/// <summary>
/// The UI's stylesheet, script and icon (wwwroot), served from the assembly under /assets/ with a content hash in the
/// URL. Embedding them means the same files are served under `dotnet run`, tests and a published build, whatever the
/// environment, where static web assets outside Development need a publish step to be found.
/// </summary>
public static class WebAssets
{
    private const string ResourcePrefix = "Berth.Web.wwwroot.";
    private static readonly FrozenDictionary<string, Asset> s_assets = Load();

    /// <summary>The URL of an asset, with its version so that browsers may cache it for good.</summary>
    public static string Url(string name) => s_assets.TryGetValue(name, out var asset) ? $"/assets/{name}?v={asset.Version}" : $"/assets/{name}";

    internal static void MapWebAssets(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/assets/{name}", (string name, HttpContext context) =>
        {
            if (!s_assets.TryGetValue(name, out var asset))
            {
                return Results.NotFound();
            }

            var etag = new EntityTagHeaderValue($"\"{asset.Version}\"");
            context.Response.Headers.CacheControl = context.Request.Query["v"] == asset.Version ? "public, max-age=31536000, immutable" : "no-cache";
            return Results.Bytes(asset.Content, asset.ContentType, entityTag: etag);
        }).ExcludeFromDescription();

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(WebAssets).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource) ?? throw new InvalidOperationException($"Missing resource {resource}.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var content = copy.ToArray();
            var name = resource[ResourcePrefix.Length..];
            var version = Convert.ToHexStringLower(SHA256.HashData(content))[..12];
            assets[name] = new Asset(content, ContentTypeOf(name), version);
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };

    private sealed record Asset(byte[] Content, string ContentType, string Version);
}
