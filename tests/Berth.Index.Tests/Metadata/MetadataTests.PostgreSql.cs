using Berth.Index.Data;

namespace Berth.Index.Tests.Metadata;

public sealed class MetadataPostgreSqlTests : MetadataTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
