namespace Berth.Bench;

/// <summary>A response that arrived but was wrong (short or corrupt content); counted as an error of its own kind.</summary>
internal sealed class BenchCheckException : Exception
{
    public BenchCheckException()
    {
    }

    public BenchCheckException(string message)
        : base(message)
    {
    }

    public BenchCheckException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
