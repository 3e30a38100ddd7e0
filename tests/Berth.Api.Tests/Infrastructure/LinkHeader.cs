using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace Berth.Api.Tests.Infrastructure;

/// <summary>The RFC 8288 pagination header: <c>Link: &lt;/v2/...?last=x&amp;n=2&gt;; rel="next"</c>.</summary>
public static partial class LinkHeader
{
    /// <summary>Asserts the header's exact shape and returns its target and query, or null when there is no Link.</summary>
    public static (string Target, Dictionary<string, string> Query)? Next(HttpResponseMessage response, string expectedPath)
    {
        var value = OciAssert.Header(response, "Link");
        if (value is null)
        {
            return null;
        }

        var match = Grammar().Match(value);
        Assert.True(match.Success, $"Link header must be '<{expectedPath}?...>; rel=\"next\"', was '{value}'.");
        var target = match.Groups["target"].Value;
        var question = target.IndexOf('?', StringComparison.Ordinal);
        Assert.True(question > 0, $"Link target needs a query: '{target}'.");
        Assert.Equal(expectedPath, target[..question]);
        var query = QueryHelpers.ParseQuery(target[question..]).ToDictionary(p => p.Key, p => p.Value.ToString());
        return (target, query);
    }

    [GeneratedRegex("^<(?<target>[^>]+)>; rel=\"next\"$")]
    private static partial Regex Grammar();
}
