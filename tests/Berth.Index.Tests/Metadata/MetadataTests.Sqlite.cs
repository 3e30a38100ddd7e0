using Berth.Index.Data;

namespace Berth.Index.Tests.Metadata;

public sealed class MetadataSqliteTests : MetadataTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}
