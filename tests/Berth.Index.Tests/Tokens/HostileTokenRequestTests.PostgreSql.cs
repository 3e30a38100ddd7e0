using Berth.Index.Data;

namespace Berth.Index.Tests.Tokens;

public sealed class HostileTokenRequestPostgreSqlTests : HostileTokenRequestTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
