namespace Berth.Index.Data;

/// <summary>The first component of repository names: a user's own, or an organisation's.</summary>
internal sealed class Namespace
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public NamespaceKind Kind { get; set; }

    /// <summary>The owning user of a user namespace.</summary>
    public long? OwnerId { get; set; }

    public DateTime CreatedAt { get; set; }
}
