using System.Text;
using System.Text.RegularExpressions;

namespace Berth.Replication.Model;

/// <summary>
/// A glob over repository names or tags: '*' matches within one path component, '**' across components, '?' one
/// character, '{a,b}' either alternative; anything else matches itself.
/// </summary>
internal sealed class NameGlob
{
    private readonly Regex _regex;

    private NameGlob(string pattern, Regex regex)
    {
        Pattern = pattern;
        _regex = regex;
    }

    public string Pattern { get; }

    public bool IsMatch(string name) => _regex.IsMatch(name);

    /// <summary>Parses a glob; <see cref="FormatException"/> names what is wrong with it.</summary>
    public static NameGlob Parse(string pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern) || pattern.Length > 256)
        {
            throw new FormatException("A filter is 1 to 256 characters ('**' for everything).");
        }

        var regex = new StringBuilder("^");
        var inAlternatives = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*' when i + 1 < pattern.Length && pattern[i + 1] == '*':
                    regex.Append(".*");
                    i++;
                    break;
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                case '{' when !inAlternatives:
                    regex.Append("(?:");
                    inAlternatives = true;
                    break;
                case '}' when inAlternatives:
                    regex.Append(')');
                    inAlternatives = false;
                    break;
                case ',' when inAlternatives:
                    regex.Append('|');
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        if (inAlternatives)
        {
            throw new FormatException($"Filter '{pattern}' opens '{{' without closing it.");
        }

        regex.Append('$');
        return new NameGlob(pattern, new Regex(regex.ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
    }
}
