namespace Berth.Registry.Reading;

/// <summary>What a pull wants of a blob, so a source reads no more than that, and no later than it can.</summary>
public enum BlobReadIntent
{
    /// <summary>HEAD: the size only; a cache must not start a download.</summary>
    Head,

    /// <summary>
    /// The content, which the caller reads itself afterwards: a range (which needs the size first), a redirect, a
    /// conditional request that may need no content.
    /// </summary>
    Locate,

    /// <summary>A GET of all the bytes: the source may open the content in the same round trip that checks the blob.</summary>
    Open,
}
