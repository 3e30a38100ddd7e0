namespace Berth.Index;

/// <summary>A refused admin operation (name taken, unknown user, bad input); the message is meant for the operator.</summary>
public sealed class IndexException : Exception
{
    public IndexException()
    {
    }

    public IndexException(string message)
        : base(message)
    {
    }

    public IndexException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
