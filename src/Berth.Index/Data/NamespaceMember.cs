namespace Berth.Index.Data;

/// <summary>A user's membership of an organisation.</summary>
internal sealed class NamespaceMember
{
    public long NamespaceId { get; set; }

    public long UserId { get; set; }

    public MemberRole Role { get; set; }
}
