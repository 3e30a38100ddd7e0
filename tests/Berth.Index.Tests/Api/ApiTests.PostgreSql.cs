using Berth.Index.Data;

namespace Berth.Index.Tests.Api;

public sealed class ApiPostgreSqlTests : ApiTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
