using Berth.Index.Data;

namespace Berth.Index.Tests.Scale;

public sealed class SharedLoginLimitsSqliteTests : SharedLoginLimitsTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}
