using Berth.Index.Data;

namespace Berth.Index.Tests.Metadata;

public sealed class SiteTagsPostgreSqlTests : SiteTagsTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
