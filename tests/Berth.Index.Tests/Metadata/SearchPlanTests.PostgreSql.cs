using Berth.Index.Data;

namespace Berth.Index.Tests.Metadata;

public sealed class SearchPlanPostgreSqlTests : SearchPlanTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
