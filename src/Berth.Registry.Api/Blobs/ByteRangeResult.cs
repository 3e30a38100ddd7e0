namespace Berth.Registry.Api.Blobs;

/// <summary>What to do with a Range header: serve everything, serve a part (206), or refuse (416).</summary>
internal readonly record struct ByteRangeResult(ByteRangeOutcome Outcome, ByteRange Range)
{
    public static readonly ByteRangeResult Ignored = new(ByteRangeOutcome.Ignored, default);
    public static readonly ByteRangeResult Unsatisfiable = new(ByteRangeOutcome.Unsatisfiable, default);

    public static ByteRangeResult Satisfiable(ByteRange range) => new(ByteRangeOutcome.Satisfiable, range);
}
