using Berth.Index.Data;

namespace Berth.Index.Tests.Scale;

public sealed class SharedLoginLimitsPostgreSqlTests : SharedLoginLimitsTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
