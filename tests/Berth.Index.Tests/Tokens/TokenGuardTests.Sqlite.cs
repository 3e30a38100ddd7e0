using Berth.Index.Data;

namespace Berth.Index.Tests.Tokens;

public sealed class TokenGuardSqliteTests : TokenGuardTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}
