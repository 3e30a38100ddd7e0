using Berth.Index.Data;

namespace Berth.Web.Tests.Infrastructure;

public sealed class PostgreSqlWebUiFixture : WebUiFixture
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
