using System.Text.RegularExpressions;

namespace Berth.Index.Accounts;

/// <summary>User, organisation and team names: one lowercase repository-name component, so a namespace is always a valid path.</summary>
internal static partial class AccountNames
{
    public const int MaxLength = 64;

    public static bool IsValid(string? name) => name is { Length: > 0 and <= MaxLength } && Grammar().IsMatch(name);

    public static string Require(string? name, string what) =>
        IsValid(name) ? name! : throw new IndexException($"Invalid {what} name '{name}': use lowercase letters, digits and single '.', '_' or '-' between them (at most {MaxLength}).");

    /// <summary>A robot's account name: its namespace, '+', its own name; '+' never appears in a namespace, so no user can take it.</summary>
    public static string Robot(string @namespace, string name) => $"{Require(@namespace, "namespace")}+{Require(name, "robot")}";

    [GeneratedRegex("^[a-z0-9]+(?:[._-][a-z0-9]+)*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Grammar();
}
