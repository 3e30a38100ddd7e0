using Microsoft.AspNetCore.Http;

namespace Berth.Web.Auth;

/// <summary>The theme a visitor chose (light, dark) or "auto" to follow prefers-color-scheme; kept in a cookie.</summary>
public static class ThemePreference
{
    public const string CookieName = "berth-theme";
    public const string Auto = "auto";
    public const string Light = "light";
    public const string Dark = "dark";

    public static string Read(HttpContext context) => context.Request.Cookies[CookieName] switch
    {
        Light => Light,
        Dark => Dark,
        _ => Auto,
    };

    /// <summary>The next theme the toggle switches to: auto → dark → light → auto.</summary>
    public static string Next(string current) => current switch
    {
        Auto => Dark,
        Dark => Light,
        _ => Auto,
    };

    public static void Write(HttpContext context, string theme) =>
        context.Response.Cookies.Append(CookieName, theme, new CookieOptions
        {
            HttpOnly = false,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            MaxAge = TimeSpan.FromDays(365),
            Path = "/",
        });
}
