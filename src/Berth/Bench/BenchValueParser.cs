using System.Globalization;

namespace Berth.Bench;

/// <summary>Parses the human forms of bench options: sizes (64MiB, 512k, 1G) and durations (10s, 500ms, 2m).</summary>
internal static class BenchValueParser
{
    private static readonly (string Suffix, long Factor)[] SizeSuffixes =
    [
        ("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30),
        ("KB", 1000), ("MB", 1000 * 1000), ("GB", 1000 * 1000 * 1000),
        ("K", 1L << 10), ("M", 1L << 20), ("G", 1L << 30), ("B", 1),
    ];

    public static long ParseSize(string text)
    {
        var value = text.Trim();
        foreach (var (suffix, factor) in SizeSuffixes)
        {
            if (value.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return checked((long)(ParseNumber(value[..^suffix.Length], text) * factor));
            }
        }

        return (long)ParseNumber(value, text);
    }

    public static TimeSpan ParseDuration(string text)
    {
        var value = text.Trim();
        return value switch
        {
            _ when value.EndsWith("ms", StringComparison.OrdinalIgnoreCase) => TimeSpan.FromMilliseconds(ParseNumber(value[..^2], text)),
            _ when value.EndsWith('s') => TimeSpan.FromSeconds(ParseNumber(value[..^1], text)),
            _ when value.EndsWith('m') => TimeSpan.FromMinutes(ParseNumber(value[..^1], text)),
            _ => TimeSpan.FromSeconds(ParseNumber(value, text)),
        };
    }

    public static IReadOnlyList<int> ParseIntList(string text) =>
        [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new FormatException($"'{part}' in '{text}' is not a positive whole number."))];

    private static double ParseNumber(string number, string whole) =>
        double.TryParse(number.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new FormatException($"'{whole}' is not a size or duration (examples: 64MiB, 512k, 10s, 500ms).");
}
