namespace Berth.Index.Data;

/// <summary>A user's star on a repository.</summary>
internal sealed class Star
{
    public long UserId { get; set; }

    public long RepositoryId { get; set; }

    public DateTime CreatedAt { get; set; }
}
