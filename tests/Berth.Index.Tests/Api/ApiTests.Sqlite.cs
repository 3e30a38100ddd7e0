using Berth.Index.Data;

namespace Berth.Index.Tests.Api;

public sealed class ApiSqliteTests : ApiTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}
