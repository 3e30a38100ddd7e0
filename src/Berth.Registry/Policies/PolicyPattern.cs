using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace Berth.Registry.Policies;

/// <summary>
/// The glob patterns of namespace policies: <c>*</c> matches any run of characters but '/', <c>**</c> any run including
/// '/', <c>?</c> one character but '/'; everything else matches itself. Tag patterns may hold the characters of a tag,
/// repository patterns those of a repository name. Globs, not regular expressions, so an administrator's typo cannot
/// make a pattern that matches everything or runs for ever (matching uses the non-backtracking engine anyway).
/// </summary>
public static class PolicyPattern
{
    public const int MaxLength = 255;

    private const string TagCharacters = "letters, digits, '.', '_', '-'";
    private const string RepositoryCharacters = "lowercase letters, digits, '.', '_', '-', '/'";
    private const int MaxCachedPatterns = 4096;

    private static readonly ConcurrentDictionary<string, Regex> Compiled = new(StringComparer.Ordinal);

    /// <summary>Why <paramref name="pattern"/> is not a valid tag pattern, or null when it is.</summary>
    public static string? CheckTagPattern(string? pattern) =>
        Check(pattern, c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-', TagCharacters);

    /// <summary>Why <paramref name="pattern"/> is not a valid repository pattern, or null when it is.</summary>
    public static string? CheckRepositoryPattern(string? pattern) =>
        Check(pattern, c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_' or '-' or '/', RepositoryCharacters);

    /// <summary>Whether <paramref name="value"/> (a tag or a full repository name) matches the whole pattern.</summary>
    public static bool IsMatch(string pattern, string value)
    {
        if (!Compiled.TryGetValue(pattern, out var regex))
        {
            if (Compiled.Count >= MaxCachedPatterns)
            {
                Compiled.Clear();
            }

            regex = Compiled.GetOrAdd(pattern, ToRegex);
        }

        return regex.IsMatch(value);
    }

    private static string? Check(string? pattern, Func<char, bool> allowed, string characters)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            return "the pattern is empty";
        }

        if (pattern.Length > MaxLength)
        {
            return $"the pattern is longer than {MaxLength} characters";
        }

        foreach (var c in pattern)
        {
            if (c is not ('*' or '?') && !allowed(c))
            {
                return $"pattern '{pattern}' holds '{c}'; a pattern may hold {characters} and the wildcards '*', '**' and '?'";
            }
        }

        return pattern.Contains("***", StringComparison.Ordinal)
            ? $"pattern '{pattern}' holds '***'; use '*' (within a path component) or '**' (across components)"
            : null;
    }

    private static Regex ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                regex.Append(".*");
                i++;
            }
            else
            {
                regex.Append(c switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    _ => Regex.Escape(c.ToString()),
                });
            }
        }

        return new Regex(regex.Append(@"\z").ToString(), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    }
}
