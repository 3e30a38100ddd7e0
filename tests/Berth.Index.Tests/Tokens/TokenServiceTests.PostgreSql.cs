using Berth.Index.Data;

namespace Berth.Index.Tests.Tokens;

public sealed class TokenServicePostgreSqlTests : TokenServiceTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
