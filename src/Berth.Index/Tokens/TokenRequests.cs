using System.Diagnostics.CodeAnalysis;
using System.Text;
using Berth.Tokens;
using Microsoft.Extensions.Primitives;

namespace Berth.Index.Tokens;

/// <summary>Parsing of what clients send to the token service: scopes and Basic credentials, with size limits.</summary>
public static class TokenRequests
{
    public const int MaxScopes = 32;

    /// <summary>Scopes from repeated parameters, each of which may hold several separated by spaces (oauth.md).</summary>
    public static bool TryParseScopes(StringValues values, [NotNullWhen(true)] out List<TokenAccessEntry>? entries)
    {
        entries = [];
        foreach (var value in values)
        {
            foreach (var scope in (value ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (entries.Count == MaxScopes || !TokenScope.TryParse(scope, out var entry))
                {
                    entries = null;
                    return false;
                }

                entries.Add(entry);
            }
        }

        return true;
    }

    public static bool TryParseBasic(string header, [NotNullWhen(true)] out string? user, [NotNullWhen(true)] out string? password)
    {
        user = password = null;
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) || header.Length > 4096)
        {
            return false;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return false;
            }

            user = decoded[..colon];
            password = decoded[(colon + 1)..];
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
