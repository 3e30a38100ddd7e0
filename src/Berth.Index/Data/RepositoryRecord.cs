namespace Berth.Index.Data;

/// <summary>What the index knows of a repository; one without a record is private.</summary>
public sealed class RepositoryRecord
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public RepositoryVisibility Visibility { get; set; }
}
