using Berth.Index.Data;

namespace Berth.Index.Tests.Permissions;

public sealed class PermissionPostgreSqlTests : PermissionTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
