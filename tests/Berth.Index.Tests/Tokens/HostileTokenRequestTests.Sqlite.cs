using Berth.Index.Data;

namespace Berth.Index.Tests.Tokens;

public sealed class HostileTokenRequestSqliteTests : HostileTokenRequestTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}
