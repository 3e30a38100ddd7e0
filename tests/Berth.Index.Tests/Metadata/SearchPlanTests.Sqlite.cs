using Berth.Index.Data;

namespace Berth.Index.Tests.Metadata;

public sealed class SearchPlanSqliteTests : SearchPlanTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}
