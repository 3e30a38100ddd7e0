namespace Berth.Index.Data;

/// <summary>A group of an organisation's members that grants hold permissions for.</summary>
internal sealed class Team
{
    public long Id { get; set; }

    public long NamespaceId { get; set; }

    public required string Name { get; set; }
}
