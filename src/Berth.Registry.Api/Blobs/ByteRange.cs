using System.Globalization;

namespace Berth.Registry.Api.Blobs;

/// <summary>
/// A request's single byte range over content of a known size (RFC 9110 section 14). Deliberate choices: a header
/// that is not a syntactically valid single "bytes=" range (another unit, several ranges, bad numbers, last &lt; first)
/// is ignored and the whole content served, as RFC 9110 allows and nginx and ASP.NET Core static files do; a valid
/// range that selects nothing (first byte at or past the end, a zero-length suffix, any range of empty content) is
/// unsatisfiable: 416 with "Content-Range: bytes */size".
/// </summary>
internal readonly record struct ByteRange(long Start, long Length)
{
    public long End => Start + Length - 1;

    public static ByteRangeResult Evaluate(string? header, long size)
    {
        if (string.IsNullOrWhiteSpace(header) || !header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase))
        {
            return ByteRangeResult.Ignored;
        }

        var spec = header.AsSpan("bytes=".Length).Trim();
        var dash = spec.IndexOf('-');
        if (dash < 0 || spec.Contains(','))
        {
            return ByteRangeResult.Ignored;
        }

        var first = spec[..dash].Trim();
        var last = spec[(dash + 1)..].Trim();
        if (first.IsEmpty)
        {
            if (!TryParse(last, out var suffix))
            {
                return ByteRangeResult.Ignored;
            }

            return suffix == 0 || size == 0
                ? ByteRangeResult.Unsatisfiable
                : ByteRangeResult.Satisfiable(new ByteRange(Math.Max(0, size - suffix), Math.Min(suffix, size)));
        }

        if (!TryParse(first, out var start))
        {
            return ByteRangeResult.Ignored;
        }

        long end;
        if (last.IsEmpty)
        {
            end = long.MaxValue;
        }
        else if (!TryParse(last, out end) || end < start)
        {
            return ByteRangeResult.Ignored;
        }

        if (start >= size)
        {
            return ByteRangeResult.Unsatisfiable;
        }

        end = Math.Min(end, size - 1);
        return ByteRangeResult.Satisfiable(new ByteRange(start, end - start + 1));
    }

    private static bool TryParse(ReadOnlySpan<char> value, out long number)
    {
        number = 0;
        foreach (var c in value)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return !value.IsEmpty && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }
}
