namespace Berth.Registry.Api.Auth;

/// <summary>
/// What a request needs, in the terms of a Docker token scope: type "repository" with a repository name and
/// actions pull/push/delete, or type "registry" with name "catalog" and action "*"; type "registry" with an empty name
/// and no actions is the base check of GET /v2/.
/// </summary>
public sealed record RegistryAccess(string Type, string Name, IReadOnlyList<string> Actions)
{
    public static readonly RegistryAccess Base = new("registry", string.Empty, []);
    public static readonly RegistryAccess Catalog = new("registry", "catalog", ["*"]);

    public static RegistryAccess Repository(string name, params string[] actions) => new("repository", name, actions);

    /// <summary>The token scope this access needs, or null when it needs none (GET /v2/).</summary>
    public string? Scope => Name.Length == 0 ? null : $"{Type}:{Name}:{string.Join(',', Actions)}";
}
