namespace Berth.Index.Data;

public sealed class TeamMember
{
    public long TeamId { get; set; }

    public long UserId { get; set; }
}
