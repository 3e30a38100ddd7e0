namespace Berth.Hosting;

/// <summary>Which halves a process runs: both (the default), only the registry, or only the index.</summary>
public enum BerthRole
{
    All,
    Registry,
    Index,
}
