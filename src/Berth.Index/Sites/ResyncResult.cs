namespace Berth.Index.Sites;

/// <summary>What a resynchronisation went through: repositories read, tags the registry listed.</summary>
public sealed record ResyncResult(int Repositories, int Tags);
