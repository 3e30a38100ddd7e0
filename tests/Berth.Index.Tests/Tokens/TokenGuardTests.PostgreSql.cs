using Berth.Index.Data;

namespace Berth.Index.Tests.Tokens;

public sealed class TokenGuardPostgreSqlTests : TokenGuardTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
