using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Berth.Registry.Names;

/// <summary>
/// A repository name as the distribution spec's grammar allows it: lowercase path components of
/// [a-z0-9] joined by '.', '_', '__' or runs of '-', separated by '/'; at most 255 characters.
/// Anything else never reaches a storage path.
/// </summary>
public sealed partial record RepositoryName
{
    public const int MaxLength = 255;

    private RepositoryName(string value) => Value = value;

    public string Value { get; }

    /// <summary>The first path component, the namespace that owns the repository.</summary>
    public string Namespace => Value.Split('/', 2)[0];

    public static RepositoryName Parse(string? value) =>
        TryParse(value, out var name)
            ? name
            : throw new RegistryException(RegistryErrorCode.NameInvalid, $"Invalid repository name '{value}'.", new { name = value });

    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out RepositoryName? name)
    {
        name = value is { Length: > 0 and <= MaxLength } && Grammar().IsMatch(value) ? new RepositoryName(value) : null;
        return name is not null;
    }

    public override string ToString() => Value;

    [GeneratedRegex(@"^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex Grammar();
}
