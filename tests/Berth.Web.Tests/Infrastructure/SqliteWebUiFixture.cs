using Berth.Index.Data;

namespace Berth.Web.Tests.Infrastructure;

public sealed class SqliteWebUiFixture : WebUiFixture
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}
