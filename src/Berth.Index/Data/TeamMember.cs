namespace Berth.Index.Data;

internal sealed class TeamMember
{
    public long TeamId { get; set; }

    public long UserId { get; set; }
}
