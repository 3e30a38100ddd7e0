using Berth.Index.Accounts;

namespace Berth.Index.Tokens;

/// <summary>A bearer token on /v1/search: whether the index issued it, and whose search it is (null: anonymous).</summary>
internal sealed record CatalogSearchToken(bool IsValid, IndexPrincipal? Principal)
{
    public static readonly CatalogSearchToken Invalid = new(false, null);
}
