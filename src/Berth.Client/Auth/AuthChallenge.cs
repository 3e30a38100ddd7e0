using System.Net.Http.Headers;

namespace Berth.Client.Auth;

/// <summary>A parsed WWW-Authenticate challenge: scheme and its parameters (realm, service, scope).</summary>
internal sealed record AuthChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    public string? Realm => Parameters.GetValueOrDefault("realm");

    public string? Service => Parameters.GetValueOrDefault("service");

    public string? Scope => Parameters.GetValueOrDefault("scope");

    public bool IsBearer => Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase);

    public bool IsBasic => Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase);

    /// <summary>The first Bearer challenge, else the first Basic one, else null.</summary>
    public static AuthChallenge? Select(HttpHeaderValueCollection<AuthenticationHeaderValue> headers)
    {
        AuthChallenge? basic = null;
        foreach (var header in headers)
        {
            var challenge = new AuthChallenge(header.Scheme, ParseParameters(header.Parameter));
            if (challenge.IsBearer && challenge.Realm is not null)
            {
                return challenge;
            }

            basic ??= challenge.IsBasic ? challenge : null;
        }

        return basic;
    }

    /// <summary>Parses key="value" pairs separated by commas; quoted values may contain commas (scope lists).</summary>
    internal static Dictionary<string, string> ParseParameters(string? text)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var span = (text ?? string.Empty).AsSpan();
        while (!span.IsEmpty)
        {
            span = span.TrimStart(", ");
            var equals = span.IndexOf('=');
            if (equals <= 0)
            {
                break;
            }

            var key = span[..equals].Trim().ToString();
            span = span[(equals + 1)..].TrimStart();
            string value;
            if (!span.IsEmpty && span[0] == '"')
            {
                var end = span[1..].IndexOf('"');
                end = end < 0 ? span.Length - 1 : end + 1;
                value = span[1..end].ToString();
                span = end + 1 < span.Length ? span[(end + 1)..] : [];
            }
            else
            {
                var comma = span.IndexOf(',');
                var end = comma < 0 ? span.Length : comma;
                value = span[..end].Trim().ToString();
                span = span[end..];
            }

            result[key] = value;
        }

        return result;
    }
}
