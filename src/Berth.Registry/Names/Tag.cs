using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Berth.Registry.Names;

/// <summary>A tag: [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}.</summary>
public sealed partial record Tag
{
    private Tag(string value) => Value = value;

    public string Value { get; }

    public static Tag Parse(string? value) =>
        TryParse(value, out var tag)
            ? tag
            : throw new RegistryException(RegistryErrorCode.TagInvalid, $"Invalid tag '{value}'.");

    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out Tag? tag)
    {
        tag = value is not null && Grammar().IsMatch(value) ? new Tag(value) : null;
        return tag is not null;
    }

    public override string ToString() => Value;

    [GeneratedRegex(@"^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Grammar();
}
