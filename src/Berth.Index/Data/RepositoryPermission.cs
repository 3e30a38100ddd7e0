namespace Berth.Index.Data;

/// <summary>What a grant allows: read = pull; write = pull, push; admin = pull, push, delete.</summary>
public enum RepositoryPermission
{
    Read,
    Write,
    Admin,
}
