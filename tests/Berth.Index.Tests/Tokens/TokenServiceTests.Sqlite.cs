using Berth.Index.Data;

namespace Berth.Index.Tests.Tokens;

public sealed class TokenServiceSqliteTests : TokenServiceTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}
