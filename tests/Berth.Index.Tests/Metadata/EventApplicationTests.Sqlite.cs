using Berth.Index.Data;

namespace Berth.Index.Tests.Metadata;

public sealed class EventApplicationSqliteTests : EventApplicationTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}
