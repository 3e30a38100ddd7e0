using Berth.Index.Data;

namespace Berth.Index.Tests.Tokens;

public sealed class CatalogSearchTokenSqliteTests : CatalogSearchTokenTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}
