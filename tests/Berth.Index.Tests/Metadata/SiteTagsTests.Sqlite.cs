using Berth.Index.Data;

namespace Berth.Index.Tests.Metadata;

public sealed class SiteTagsSqliteTests : SiteTagsTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}
