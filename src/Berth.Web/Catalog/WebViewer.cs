using Berth.Index.Accounts;

namespace Berth.Web.Catalog;

/// <summary>Who is looking: a signed-in account, or nobody.</summary>
public sealed record WebViewer(IndexPrincipal? Principal)
{
    public static readonly WebViewer Anonymous = new((IndexPrincipal?)null);

    public bool IsSignedIn => Principal is not null;

    public string? Name => Principal?.Name;
}
