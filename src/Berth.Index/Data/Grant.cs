namespace Berth.Index.Data;

/// <summary>A permission on the repositories of a namespace, held by a team or directly by a user (robots).</summary>
internal sealed class Grant
{
    public long Id { get; set; }

    public long NamespaceId { get; set; }

    /// <summary>The full repository name, or "*" for every repository of the namespace.</summary>
    public required string Repository { get; set; }

    public long? TeamId { get; set; }

    public long? UserId { get; set; }

    public RepositoryPermission Permission { get; set; }
}
