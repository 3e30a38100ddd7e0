using Microsoft.IdentityModel.JsonWebTokens;

namespace Berth.Tokens;

/// <summary>A token whose signature, issuer, audience and lifetime were checked.</summary>
public sealed record ValidatedToken(
    string Subject,
    string Id,
    DateTimeOffset ExpiresAt,
    IReadOnlyList<TokenAccessEntry> Access,
    IReadOnlyList<TokenAccessEntry> Refused,
    JsonWebToken Jwt)
{
    /// <summary>Anonymous tokens carry an empty subject: login could still help.</summary>
    public bool IsAnonymous => Subject.Length == 0;

    /// <summary>All actions granted on one resource, merged over the entries naming it; null when no entry names it.</summary>
    public IReadOnlyCollection<string>? ActionsOn(string type, string name) => Merge(Access, type, name);

    /// <summary>The requested actions on one resource that the index refused when it issued this token.</summary>
    public IReadOnlyCollection<string> RefusedOn(string type, string name) => Merge(Refused, type, name) ?? [];

    private static HashSet<string>? Merge(IReadOnlyList<TokenAccessEntry> entries, string type, string name)
    {
        HashSet<string>? actions = null;
        foreach (var entry in entries)
        {
            if (string.Equals(entry.Type, type, StringComparison.Ordinal) && string.Equals(entry.Name, name, StringComparison.Ordinal))
            {
                actions ??= new HashSet<string>(StringComparer.Ordinal);
                actions.UnionWith(entry.Actions);
            }
        }

        return actions;
    }
}
