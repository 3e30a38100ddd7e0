using System.Globalization;
using System.Text.RegularExpressions;

namespace Berth.Web.Catalog;

/// <summary>
/// Moves a rendered README's headings two levels down (h1 → h3, …, h4 and below → h6), so the page keeps one h1, the
/// repository's name, and the README's outline sits under its "README" h2. The HTML is the index's sanitised output,
/// so its tags are regular.
/// </summary>
internal static partial class ReadmeHeadings
{
    public static string? Demote(string? html) =>
        html is null ? null : Heading().Replace(html, m => $"<{m.Groups[1].Value}h{Math.Min(6, int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) + 2)}");

    [GeneratedRegex("<(/?)h([1-6])(?=[\\s>])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Heading();
}
