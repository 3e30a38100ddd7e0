using Berth.Index.Data;

namespace Berth.Index.Tests.Permissions;

public sealed class PermissionSqliteTests : PermissionTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}
