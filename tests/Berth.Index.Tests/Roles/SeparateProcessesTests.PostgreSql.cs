using Berth.Index.Data;

namespace Berth.Index.Tests.Roles;

public sealed class SeparateProcessesPostgreSqlTests : SeparateProcessesTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
