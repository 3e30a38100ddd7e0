using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Berth.Registry.Api.Listing;

/// <summary>
/// The n/last pagination of tags/list and _catalog: entries after <c>last</c> in ordinal order, at most <c>n</c>,
/// and a Link header to the next page when more remain. n=0 gives an empty page and no Link.
/// </summary>
internal sealed record Pagination(int? Count, string? Last)
{
    public static Pagination FromQuery(IQueryCollection query)
    {
        int? count = null;
        if (query.TryGetValue("n", out var n) && n.ToString().Length > 0)
        {
            if (!int.TryParse(n.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                throw new RegistryException(RegistryErrorCode.PaginationNumberInvalid, $"n must be a non-negative integer, not '{n}'.", new { n = n.ToString() });
            }

            count = parsed;
        }

        var last = query["last"].ToString();
        return new Pagination(count, last.Length == 0 ? null : last);
    }

    /// <summary>The page of <paramref name="sorted"/>; sets the Link header (to <paramref name="path"/>) when more remain.</summary>
    public IReadOnlyList<string> Apply(IReadOnlyList<string> sorted, HttpResponse response, string path)
    {
        var start = 0;
        if (Last is not null)
        {
            while (start < sorted.Count && string.CompareOrdinal(sorted[start], Last) <= 0)
            {
                start++;
            }
        }

        var available = sorted.Count - start;
        var take = Count is { } n ? Math.Min(n, available) : available;
        var page = new List<string>(take);
        for (var i = start; i < start + take; i++)
        {
            page.Add(sorted[i]);
        }

        if (take > 0 && take < available)
        {
            response.Headers.Link = $"<{path}?n={take}&last={Uri.EscapeDataString(page[^1])}>; rel=\"next\"";
        }

        return page;
    }
}
