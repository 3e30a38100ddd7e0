namespace Berth.Web.Auth;

/// <summary>Keeps return URLs on this site, so a crafted link cannot bounce a signed-in user elsewhere.</summary>
internal static class LocalUrl
{
    public static string OrHome(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";
}
