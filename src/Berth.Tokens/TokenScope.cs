using System.Diagnostics.CodeAnalysis;

namespace Berth.Tokens;

/// <summary>
/// Parses the scope grammar of distribution's docs/spec/auth/scope.md: type[(class)]:name:action[,action...].
/// The name may itself contain ':' (a host with a port), so the type ends at the first ':' and the actions start after the last.
/// </summary>
public static class TokenScope
{
    public const int MaxLength = 512;

    public static bool TryParse(string? scope, [NotNullWhen(true)] out TokenAccessEntry? entry)
    {
        entry = null;
        if (string.IsNullOrEmpty(scope) || scope.Length > MaxLength)
        {
            return false;
        }

        var first = scope.IndexOf(':', StringComparison.Ordinal);
        var last = scope.LastIndexOf(':');
        if (first <= 0 || last <= first + 1)
        {
            return false;
        }

        var type = scope[..first];
        var paren = type.IndexOf('(', StringComparison.Ordinal);
        if (paren > 0 && type.EndsWith(')'))
        {
            type = type[..paren];
        }

        var name = scope[(first + 1)..last];
        var actions = scope[(last + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (!IsToken(type) || actions.Length == 0 || !actions.All(IsToken))
        {
            return false;
        }

        entry = new TokenAccessEntry(type, name, actions.Distinct(StringComparer.Ordinal).ToArray());
        return true;
    }

    private static bool IsToken(string value) => value.Length is > 0 and <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '*' or '_' or '-');
}
