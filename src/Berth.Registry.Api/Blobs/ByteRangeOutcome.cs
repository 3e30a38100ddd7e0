namespace Berth.Registry.Api.Blobs;

internal enum ByteRangeOutcome
{
    Ignored,
    Satisfiable,
    Unsatisfiable,
}
