namespace Berth.Index.Repositories;

/// <summary>The viewer may see the repository but not change it this way (the API answers 403).</summary>
public sealed class IndexForbiddenException : Exception
{
    public IndexForbiddenException()
    {
    }

    public IndexForbiddenException(string message)
        : base(message)
    {
    }

    public IndexForbiddenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
