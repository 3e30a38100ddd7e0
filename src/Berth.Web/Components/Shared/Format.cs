using System.Globalization;

namespace Berth.Web.Components.Shared;

/// <summary>How sizes, digests and times read on the pages.</summary>
internal static class Format
{
    private static readonly string[] s_units = ["B", "KB", "MB", "GB", "TB"];

    public static string Size(long bytes)
    {
        double value = bytes;
        var unit = 0;
        while (value >= 1000 && unit < s_units.Length - 1)
        {
            value /= 1000;
            unit++;
        }

        return unit == 0 ? $"{bytes} B" : value.ToString(value < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " " + s_units[unit];
    }

    /// <summary>The algorithm and the first 12 hex digits, as the CLIs show image IDs.</summary>
    public static string ShortDigest(string digest)
    {
        var colon = digest.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 || digest.Length < colon + 13 ? digest : digest[..(colon + 13)];
    }

    public static string Iso(DateTime? time) =>
        time is { } t ? DateTime.SpecifyKind(t, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) : "";

    public static string Ago(DateTime? time, DateTime now)
    {
        if (time is not { } t)
        {
            return "never";
        }

        var span = now - DateTime.SpecifyKind(t, DateTimeKind.Utc);
        return span.TotalSeconds < 60 ? "just now"
            : span.TotalMinutes < 60 ? Plural((int)span.TotalMinutes, "minute")
            : span.TotalHours < 24 ? Plural((int)span.TotalHours, "hour")
            : span.TotalDays < 60 ? Plural((int)span.TotalDays, "day")
            : t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    public static string Count(long n) => n < 1000 ? n.ToString(CultureInfo.InvariantCulture)
        : n < 1_000_000 ? (n / 1000d).ToString("0.#", CultureInfo.InvariantCulture) + "K"
        : (n / 1_000_000d).ToString("0.#", CultureInfo.InvariantCulture) + "M";

    private static string Plural(int n, string unit) => n == 1 ? $"1 {unit} ago" : $"{n} {unit}s ago";
}
