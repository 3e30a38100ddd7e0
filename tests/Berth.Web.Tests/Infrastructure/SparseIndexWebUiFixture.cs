using Berth.Index.Data;

namespace Berth.Web.Tests.Infrastructure;

/// <summary>An open registry with its index that accepts sparse indexes (Registry:Manifests:AllowSparseIndexes).</summary>
public sealed class SparseIndexWebUiFixture : WebUiFixture
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override string AuthMode => "None";

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Registry:Manifests:AllowSparseIndexes"] = "true",
    };
}
