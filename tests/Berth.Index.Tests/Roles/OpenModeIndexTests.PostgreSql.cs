using Berth.Index.Data;

namespace Berth.Index.Tests.Roles;

public sealed class OpenModeIndexPostgreSqlTests : OpenModeIndexTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
