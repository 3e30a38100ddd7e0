namespace Berth.Client.Copy;

/// <summary>A copy failed for the reason <see cref="Failure"/> names; the message says what and where.</summary>
public sealed class CopyException : Exception
{
    public CopyException()
    {
    }

    public CopyException(string message)
        : base(message)
    {
    }

    public CopyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CopyException(CopyFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
    }

    public CopyFailure Failure { get; } = CopyFailure.Transfer;
}
