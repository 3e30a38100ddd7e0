namespace Berth.Mirror.Upstream;

/// <summary>The upstream could not answer (down, refusing, erroring, timing out): cached content may still be served.</summary>
internal sealed class UpstreamUnreachableException : Exception
{
    public UpstreamUnreachableException()
    {
    }

    public UpstreamUnreachableException(string message)
        : base(message)
    {
    }

    public UpstreamUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
