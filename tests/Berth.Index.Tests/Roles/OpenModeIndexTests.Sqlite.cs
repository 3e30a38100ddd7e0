using Berth.Index.Data;

namespace Berth.Index.Tests.Roles;

public sealed class OpenModeIndexSqliteTests : OpenModeIndexTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}
