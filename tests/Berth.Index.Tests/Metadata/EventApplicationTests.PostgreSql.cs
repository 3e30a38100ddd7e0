using Berth.Index.Data;

namespace Berth.Index.Tests.Metadata;

public sealed class EventApplicationPostgreSqlTests : EventApplicationTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
