namespace Berth.Index.Audit;

/// <summary>The kinds of audit events.</summary>
public static class AuditKinds
{
    public const string Login = "login";
    public const string TokenGrant = "token.grant";
    public const string UserCreate = "user.create";
    public const string UserPassword = "user.password";
    public const string UserDelete = "user.delete";
    public const string OrganizationCreate = "org.create";
    public const string OrganizationDelete = "org.delete";
    public const string MemberChange = "org.member";
    public const string TeamChange = "team.change";
    public const string GrantChange = "grant.change";
    public const string RobotCreate = "robot.create";
    public const string VisibilityChange = "repository.visibility";
    public const string AccessTokenCreate = "pat.create";
    public const string AccessTokenRevoke = "pat.revoke";
    public const string KeyRotate = "key.rotate";
    public const string ExternalSync = "user.external";
}
