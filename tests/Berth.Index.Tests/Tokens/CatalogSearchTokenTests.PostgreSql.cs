using Berth.Index.Data;

namespace Berth.Index.Tests.Tokens;

public sealed class CatalogSearchTokenPostgreSqlTests : CatalogSearchTokenTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
