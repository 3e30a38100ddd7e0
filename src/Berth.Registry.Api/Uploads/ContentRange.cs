using System.Globalization;

namespace Berth.Registry.Api.Uploads;

/// <summary>
/// The Content-Range of an upload chunk: "&lt;start&gt;-&lt;end&gt;", inclusive, as the spec writes it
/// (^[0-9]+-[0-9]+$); the RFC 9110 form "bytes start-end/total" some clients send is accepted too. A range whose
/// length does not fit a long (0-9223372036854775807) is malformed, not a negative length.
/// </summary>
internal readonly record struct ContentRange(long Start, long End)
{
    public long Length => End - Start + 1;

    public static bool TryParse(string? value, out ContentRange range)
    {
        range = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var span = value.AsSpan().Trim();
        if (span.StartsWith("bytes", StringComparison.OrdinalIgnoreCase))
        {
            span = span["bytes".Length..].TrimStart(" =");
        }

        var slash = span.IndexOf('/');
        if (slash >= 0)
        {
            span = span[..slash];
        }

        var dash = span.IndexOf('-');
        if (dash <= 0
            || !long.TryParse(span[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            || !long.TryParse(span[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var end)
            || end < start
            || end - start == long.MaxValue)
        {
            return false;
        }

        range = new ContentRange(start, end);
        return true;
    }
}
