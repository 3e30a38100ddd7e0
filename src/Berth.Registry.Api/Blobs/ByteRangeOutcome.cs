namespace Berth.Registry.Api.Blobs;

public enum ByteRangeOutcome
{
    Ignored,
    Satisfiable,
    Unsatisfiable,
}
