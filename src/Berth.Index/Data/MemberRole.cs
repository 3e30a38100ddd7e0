namespace Berth.Index.Data;

public enum MemberRole
{
    /// <summary>Pulls every repository of the organisation; more through teams.</summary>
    Member,

    /// <summary>Administers the organisation and all its repositories.</summary>
    Owner,
}
