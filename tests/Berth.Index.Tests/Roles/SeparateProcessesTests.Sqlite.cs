using Berth.Index.Data;

namespace Berth.Index.Tests.Roles;

public sealed class SeparateProcessesSqliteTests : SeparateProcessesTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}
