using System.Text;

namespace Berth.Index.External.Ldap;

/// <summary>RFC 4515 escaping of a value put into a search filter, so a name like "*)(uid=*" is a name, not a filter.</summary>
internal static class LdapFilter
{
    public static string Escape(string value)
    {
        var escaped = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => escaped.Append(@"\5c"),
                '*' => escaped.Append(@"\2a"),
                '(' => escaped.Append(@"\28"),
                ')' => escaped.Append(@"\29"),
                '\0' => escaped.Append(@"\00"),
                _ => escaped.Append(c),
            };
        }

        return escaped.ToString();
    }
}
