using Berth.Index.Data;

namespace Berth.Index.Tests.Keys;

public sealed class SharedSigningKeysPostgreSqlTests : SharedSigningKeysTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
