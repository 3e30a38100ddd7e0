namespace Berth.Mirror.Blobs;

/// <summary>A fill found the blob already stored (a fill just before it finished): readers go to the store instead.</summary>
internal sealed class FillSupersededException : Exception
{
    public FillSupersededException()
        : base("The blob is already stored.")
    {
    }

    public FillSupersededException(string message)
        : base(message)
    {
    }

    public FillSupersededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
